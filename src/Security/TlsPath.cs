namespace AddonGrains.Security;

/// <summary>One file setting: the name the user knows it by and its value (a path, or null when unset).</summary>
public sealed record TlsPath(string Setting, string? Value)
{
    public string Path => Value ?? throw new InvalidOperationException($"{Setting} is not set");
}
