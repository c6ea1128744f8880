namespace AddonGrains.Grains.Decision;

/// <summary>
/// How one cluster's installation of an add-on stands toward a target version, the per-cluster half of the decision
/// rule (<see cref="RolloutDecider"/>). A cluster counts toward version V only when its installed version is V, its
/// desired version (the add-on service's; null from clusters_mgmt) is absent or V, its state is <c>ready</c>, and,
/// where status conditions were read, <c>UpgradeSucceeded</c> is not <c>False</c> and <c>Degraded</c> is not
/// <c>True</c>. Installations being deleted are not applicable; every other state (<c>upgrading</c>, <c>failed</c>,
/// <c>delete-failed</c>, <c>undefined</c>, and states OCM may add) is applicable and not ready.
/// </summary>
public static class AddonStanding
{
    /// <summary>The add-on service's state of an upgrade in progress (a straggler, rolling out).</summary>
    public const string Upgrading = "upgrading";

    /// <summary>The condition that says whether the last upgrade succeeded; <c>False</c> holds a cluster back.</summary>
    public const string UpgradeSucceeded = "UpgradeSucceeded";

    /// <summary>The condition that says the add-on is degraded; <c>True</c> holds a cluster back.</summary>
    public const string Degraded = "Degraded";

    /// <summary>Whether an installation in <paramref name="state"/> is going away: <c>deleting</c>, <c>delete-pending</c>, <c>deleted</c>.</summary>
    public static bool IsGoingAway(string state) => state is RolloutDecider.AddonDeleting or "delete-pending" or "deleted";

    /// <summary>The version the installation is headed for: its desired version, else its installed version.</summary>
    public static string? Aim(AddonInstallation installation) => Desired(installation) ?? installation.Version;

    /// <summary>The desired version, null when absent or empty (nothing scheduled).</summary>
    public static string? Desired(AddonInstallation installation) =>
        string.IsNullOrEmpty(installation.DesiredVersion) ? null : installation.DesiredVersion;

    /// <summary>The status condition that keeps the installation from counting (<c>UpgradeSucceeded=False</c>, <c>Degraded=True</c>), or null.</summary>
    public static AddonCondition? HoldingCondition(AddonInstallation installation)
    {
        if (!installation.StatusRead)
        {
            return null;
        }
        foreach (var condition in installation.Conditions)
        {
            if ((condition is { Type: UpgradeSucceeded, Value: "False" }) || (condition is { Type: Degraded, Value: "True" }))
            {
                return condition;
            }
        }
        return null;
    }

    /// <summary>Null when the installation counts toward <paramref name="target"/>; otherwise why not, for the status.</summary>
    public static string? HeldBack(AddonInstallation installation, string? target)
    {
        var (version, desired, state) = (installation.Version, Desired(installation), installation.State);
        var atTarget = version is not null && string.Equals(version, target, StringComparison.Ordinal);
        var desiredOk = desired is null || string.Equals(desired, target, StringComparison.Ordinal);
        var ready = string.Equals(state, RolloutDecider.AddonReady, StringComparison.Ordinal);
        var condition = HoldingCondition(installation);
        if (atTarget && desiredOk && ready && condition is null)
        {
            return null;
        }

        var towards = desired is not null && !string.Equals(desired, version, StringComparison.Ordinal) ? $", desired {desired}" : "";
        return (version, atTarget, ready) switch
        {
            (null, _, _) => $"no version reported (add-on {state}){towards}",
            _ when string.Equals(state, Upgrading, StringComparison.Ordinal) => $"upgrading from {version}{(towards.Length > 0 ? $" to {desired}" : "")}",
            (_, true, true) when condition is not null => $"on {version}, {condition}",
            (_, true, true) => $"on {version}{towards}",
            (_, true, false) => $"add-on is {state}{towards}",
            (_, false, true) => $"on {version}{towards}",
            _ => $"on {version}, add-on is {state}{towards}",
        };
    }
}
