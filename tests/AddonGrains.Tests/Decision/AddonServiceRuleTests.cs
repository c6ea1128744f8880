using AddonGrains.Grains.Decision;
using static AddonGrains.Tests.Decision.Fleet;

namespace AddonGrains.Tests.Decision;

/// <summary>
/// The add-on service's part of the rule, as a table: cluster <c>a</c> is ready on 2.1.0; cluster <c>b</c> reports the
/// row's installed version, desired version, state and conditions. The last known version is 2.0.0, so a fleet that
/// counts as converged records 2.1.0 and triggers; one that does not is rolling out with <c>b</c> as its straggler.
/// </summary>
public sealed class AddonServiceRuleTests
{
    public enum Outcome
    {
        /// <summary>b counts toward 2.1.0: converged, recorded, triggered.</summary>
        Counts,
        /// <summary>b holds the rollout back: a straggler with the reason.</summary>
        Straggler,
        /// <summary>b is not applicable (shown as excluded): a converges alone.</summary>
        NotApplicable,
    }

    public static TheoryData<string, string?, string, string?, Outcome, string> Rows => new()
    {
        // installed, desired, state, conditions ("Type=Value,…"; null: not read), outcome, reason part
        { "2.1.0", null, "ready", null, Outcome.Counts, "" },
        { "2.1.0", "2.1.0", "ready", "Available=True,Degraded=False,UpgradeSucceeded=True", Outcome.Counts, "" },
        { "2.1.0", "", "ready", null, Outcome.Counts, "" },
        { "2.1.0", "2.1.0", "ready", "UpgradeSucceeded=Unknown,Degraded=Unknown,Healthy=False", Outcome.Counts, "" },
        { "2.1.0", "2.1.0", "ready", "", Outcome.Counts, "" },
        { "2.1.0", "2.1.0", "ready", "UpgradeSucceeded=False", Outcome.Straggler, "UpgradeSucceeded=False" },
        { "2.1.0", "2.1.0", "ready", "Available=True,Degraded=True", Outcome.Straggler, "Degraded=True" },
        { "2.1.0", "2.0.0", "ready", null, Outcome.Straggler, "desired 2.0.0" },
        { "2.0.0", "2.1.0", "upgrading", null, Outcome.Straggler, "upgrading from 2.0.0 to 2.1.0" },
        { "2.1.0", "2.1.0", "upgrading", null, Outcome.Straggler, "upgrading from 2.1.0" },
        { "2.1.0", "2.1.0", "failed", null, Outcome.Straggler, "add-on is failed" },
        { "2.1.0", "2.1.0", "delete-failed", null, Outcome.Straggler, "add-on is delete-failed" },
        { "2.1.0", "2.1.0", "undefined", null, Outcome.Straggler, "add-on is undefined" },
        { "2.1.0", "2.1.0", "hibernated-by-ocm", null, Outcome.Straggler, "add-on is hibernated-by-ocm" },
        { "2.1.0", "2.1.0", "pending", null, Outcome.Straggler, "add-on is pending" },
        { "2.1.0", "2.1.0", "deleting", null, Outcome.NotApplicable, "being deleted (deleting)" },
        { "2.1.0", "2.1.0", "delete-pending", null, Outcome.NotApplicable, "being deleted (delete-pending)" },
        { "1.0.0", "1.0.0", "deleted", null, Outcome.NotApplicable, "being deleted (deleted)" },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void Decide_ClusterB(string installed, string? desired, string state, string? conditions, Outcome outcome, string reason)
    {
        var b = new ClusterObservation("b", "name-b", "ready", [Installation(installed, desired, state, conditions)], T0);

        var result = RolloutDecider.Decide(Input(Of(Ready("a", "2.1.0"), b), "2.0.0"));

        switch (outcome)
        {
            case Outcome.Counts:
                Assert.Equal((RolloutPhase.Idle, DecisionKind.RecordAndTrigger, "2.1.0"), (result.Phase, result.Decision.Kind, result.Decision.Version));
                Assert.Equal((2, 2), (result.ClustersApplicable, result.ClustersOnTarget));
                break;
            case Outcome.Straggler:
                Assert.Equal((RolloutPhase.RollingOut, DecisionKind.None), (result.Phase, result.Decision.Kind));
                var straggler = Assert.Single(result.Stragglers);
                Assert.Equal(("b", state), (straggler.ClusterId, straggler.AddonState));
                Assert.Contains(reason, straggler.Reason, StringComparison.Ordinal);
                Assert.Equal(desired, straggler.DesiredVersion);
                Assert.Equal(reason.Contains('=', StringComparison.Ordinal) ? reason : null, straggler.HeldBy);
                break;
            default:
                Assert.Equal((RolloutPhase.Idle, DecisionKind.RecordAndTrigger), (result.Phase, result.Decision.Kind));
                Assert.Equal((1, 1), (result.ClustersApplicable, result.ClustersOnTarget));
                Assert.Contains(reason, Assert.Single(result.Excluded).Reason, StringComparison.Ordinal);
                break;
        }
    }

    [Fact]
    public void Decide_DesiredVersionMovedOnPastTheInstalledOne_TargetsTheDesiredVersionAndNeverTheSupersededOne()
    {
        // Every cluster runs 2.1.0, ready; but the next scheduled upgrade already goes to 2.2.0.
        var fleet = Of(Cluster("a", "2.1.0", "2.2.0"), Cluster("b", "2.1.0", "2.2.0"));

        var result = RolloutDecider.Decide(Input(fleet, "2.0.0"));

        Assert.Equal((RolloutPhase.RollingOut, "2.2.0", 0), (result.Phase, result.TargetVersion, result.ClustersOnTarget));
        Assert.Equal(DecisionKind.None, result.Decision.Kind);
        Assert.All(result.Stragglers, s => Assert.Equal("on 2.1.0, desired 2.2.0", s.Reason));
    }

    [Fact]
    public void Decide_ARollbackScheduled_TargetsTheDesiredLowerVersion()
    {
        var result = RolloutDecider.Decide(Input(Of(Cluster("a", "2.1.0", "2.0.5"), Cluster("b", "2.0.5", "2.0.5")), "2.1.0"));

        Assert.Equal(("2.0.5", 1), (result.TargetVersion, result.ClustersOnTarget));
        Assert.Equal("a", Assert.Single(result.Stragglers).ClusterId);
    }

    [Fact]
    public void Decide_OnlyInstallationIsDeleted_IsNoInstallations()
    {
        var b = new ClusterObservation("b", "name-b", "ready", [Installation("2.1.0", null, "deleted", null)], T0);

        var result = RolloutDecider.Decide(Input(Of(b), "2.0.0"));

        Assert.Equal((RolloutPhase.NoInstallations, DecisionKind.None), (result.Phase, result.Decision.Kind));
    }

    private static ClusterObservation Cluster(string id, string installed, string desired) =>
        new(id, $"name-{id}", "ready", [Installation(installed, desired, "ready", null)], T0);

    private static AddonInstallation Installation(string installed, string? desired, string state, string? conditions) =>
        new(Addon, installed, state)
        {
            DesiredVersion = desired,
            Conditions = conditions is null
                ? default
                : [.. conditions.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(c => c.Split('=')).Select(p => new AddonCondition(p[0], p[1], null))],
        };
}
