namespace AddonGrains.Configuration;

/// <summary>A secret value read from an env var or a file. It never prints itself.</summary>
public sealed class Secret(string value, string source)
{
    /// <summary>The secret. Hand it only to the HTTP handler that needs it.</summary>
    public string Value { get; } = value;

    /// <summary>Where it came from, e.g. <c>env OCM_SECRET</c> (safe to show).</summary>
    public string Source { get; } = source;

    public override string ToString() => $"<secret from {Source}>";
}
