namespace AddonGrains.Grains;

/// <summary>
/// The clock the decision rule reads (soak, stall, rollout start), registered as a keyed <see cref="TimeProvider"/>
/// so tests can swap it for a fake without touching the clock Orleans itself runs on.
/// </summary>
public static class Clock
{
    /// <summary>The DI key of the grains' <see cref="TimeProvider"/>.</summary>
    public const string Key = "addongrains";
}
