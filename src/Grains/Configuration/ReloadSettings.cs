namespace AddonGrains.Grains.Configuration;

/// <summary>How often the configuration source is checked for a change (contract §2 <c>reload</c>); SIGHUP checks at once.</summary>
public sealed record ReloadSettings(TimeSpan Interval)
{
    /// <summary>The default of contract §2: every 30 seconds.</summary>
    public static ReloadSettings Default { get; } = new(TimeSpan.FromSeconds(30));
}
