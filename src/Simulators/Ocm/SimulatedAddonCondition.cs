namespace AddonGrains.Simulators.Ocm;

/// <summary>One status condition of an add-on (the add-on service's <c>status_conditions</c>): type, <c>True|False|Unknown</c>, reason.</summary>
public sealed record SimulatedAddonCondition(string Type, string Value, string? Reason = null, string? Message = null)
{
    /// <summary>The conditions an installation in <paramref name="state"/> reports when a test set none.</summary>
    public static IReadOnlyList<SimulatedAddonCondition> For(string state) => state switch
    {
        "ready" => Ready,
        "upgrading" => Upgrading,
        "failed" or "delete-failed" => Failed,
        _ => Other,
    };

    private static readonly SimulatedAddonCondition[] Ready =
    [
        new("Available", "True", "AddonAvailable"), new("Installed", "True", "AddonInstalled"), new("Healthy", "True", "AddonHealthy"),
        new("Degraded", "False", "AddonNotDegraded"), new("UpgradeSucceeded", "True", "UpgradeSucceeded"),
    ];

    private static readonly SimulatedAddonCondition[] Upgrading =
    [
        new("Available", "True", "AddonAvailable"), new("Installed", "True", "AddonInstalled"), new("Degraded", "False", "AddonNotDegraded"),
        new("UpgradeStarted", "True", "UpgradeStarted"), new("UpgradeSucceeded", "Unknown", "UpgradeInProgress"),
    ];

    private static readonly SimulatedAddonCondition[] Failed =
    [
        new("Available", "False", "AddonUnavailable"), new("Degraded", "True", "AddonDegraded", "the operator reports a failure"),
    ];

    private static readonly SimulatedAddonCondition[] Other = [new("Available", "Unknown", "Pending")];
}
