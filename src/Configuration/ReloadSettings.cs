namespace AddonGrains.Configuration;

/// <summary>How often the configuration source is checked for a change (<c>reload</c> in docs/configuration.md); SIGHUP checks at once.</summary>
public sealed record ReloadSettings(TimeSpan Interval)
{
    /// <summary>The default (docs/configuration.md): every 30 seconds.</summary>
    public static ReloadSettings Default { get; } = new(TimeSpan.FromSeconds(30));
}
