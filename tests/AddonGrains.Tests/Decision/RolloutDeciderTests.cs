using AddonGrains.Configuration;
using AddonGrains.Grains.Decision;
using static AddonGrains.Tests.Decision.Fleet;

namespace AddonGrains.Tests.Decision;

public sealed class RolloutDeciderTests
{
    private static readonly RolloutPolicy Policy = RolloutPolicy.Default;

    [Fact]
    public void Decide_SteadyStateAtLastKnown_IsIdleWithoutDecision()
    {
        var result = RolloutDecider.Decide(Input(Of(Ready("a", "2.0.0"), Ready("b", "2.0.0")), "2.0.0"));

        Assert.Equal(RolloutPhase.Idle, result.Phase);
        Assert.Equal(DecisionKind.None, result.Decision.Kind);
        Assert.Equal((2, 2, 2), (result.ClustersTotal, result.ClustersApplicable, result.ClustersOnTarget));
        Assert.Empty(result.Stragglers);
    }

    [Fact]
    public void Decide_MixedVersions_IsRollingOutTowardHighestWithStragglers()
    {
        var result = RolloutDecider.Decide(Input(Of(Ready("a", "2.1.0"), Ready("b", "2.0.0"), Ready("c", "2.1.0")), "2.0.0"));

        Assert.Equal(RolloutPhase.RollingOut, result.Phase);
        Assert.Equal("2.1.0", result.TargetVersion);
        Assert.Equal(2, result.ClustersOnTarget);
        Assert.Equal("b", Assert.Single(result.Stragglers).ClusterId);
        Assert.Equal(T0, result.Memory.RolloutStartedAt);
        Assert.Equal(DecisionKind.None, result.Decision.Kind);
    }

    [Fact]
    public void Decide_LastClusterAtTargetButInstalling_DoesNotConverge()
    {
        var result = RolloutDecider.Decide(Input(Of(Ready("a", "2.1.0"), Ready("b", "2.1.0", "installing")), "2.0.0"));

        Assert.Equal(RolloutPhase.RollingOut, result.Phase);
        Assert.Equal(DecisionKind.None, result.Decision.Kind);
        Assert.Contains("installing", Assert.Single(result.Stragglers).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_FailedInstallationAtTarget_DoesNotConverge()
    {
        var result = RolloutDecider.Decide(Input(Of(Ready("a", "2.1.0"), Ready("b", "2.1.0", "failed")), "2.0.0"));

        Assert.Equal(RolloutPhase.RollingOut, result.Phase);
        Assert.Equal(DecisionKind.None, result.Decision.Kind);
        Assert.Equal("failed", Assert.Single(result.Stragglers).AddonState);
    }

    [Fact]
    public void Decide_NoClusterHasTheAddon_IsNoInstallationsAndNeverTriggers()
    {
        var result = RolloutDecider.Decide(Input(Of(WithoutAddon("a"), WithoutAddon("b")), null,
            Policy with { FirstSeen = FirstSeenPolicy.Trigger }));

        Assert.Equal(RolloutPhase.NoInstallations, result.Phase);
        Assert.Equal(DecisionKind.None, result.Decision.Kind);
        Assert.Null(result.TargetVersion);
        Assert.Equal(2, result.ClustersTotal);
    }

    [Fact]
    public void Decide_OrganizationWithZeroClusters_IsNoInstallations()
    {
        var result = RolloutDecider.Decide(Input(Of(), "2.0.0", Policy with { FirstSeen = FirstSeenPolicy.Trigger }));

        Assert.Equal(RolloutPhase.NoInstallations, result.Phase);
        Assert.Equal(DecisionKind.None, result.Decision.Kind);
        Assert.Equal(0, result.ClustersTotal);
    }

    [Fact]
    public void Decide_FirstSightUnderBaseline_RecordsSilently()
    {
        var result = RolloutDecider.Decide(Input(Of(Ready("a", "2.0.0")), null));

        Assert.Equal(new AddonGrains.Grains.Decision.Decision(DecisionKind.RecordBaseline, "2.0.0", null), result.Decision);
        Assert.Equal(RolloutPhase.Idle, result.Phase);
    }

    [Fact]
    public void Decide_FirstSightUnderTrigger_TriggersWithDirectionFirst()
    {
        var result = RolloutDecider.Decide(Input(Of(Ready("a", "2.0.0")), null, Policy with { FirstSeen = FirstSeenPolicy.Trigger }));

        Assert.Equal(new AddonGrains.Grains.Decision.Decision(DecisionKind.RecordAndTrigger, "2.0.0", UpgradeDirection.First), result.Decision);
    }

    [Fact]
    public void Decide_AllConvergedOnHigherVersion_TriggersUpgrade()
    {
        var result = RolloutDecider.Decide(Input(Of(Ready("a", "2.10.0"), Ready("b", "2.10.0")), "2.9.0"));

        Assert.Equal(new AddonGrains.Grains.Decision.Decision(DecisionKind.RecordAndTrigger, "2.10.0", UpgradeDirection.Upgrade), result.Decision);
        Assert.Equal(RolloutPhase.Idle, result.Phase);
        Assert.Equal(RolloutMemory.Empty, result.Memory);
    }

    [Fact]
    public void Decide_DowngradeUnderRollbacksTrigger_TriggersDowngrade()
    {
        var result = RolloutDecider.Decide(Input(Of(Ready("a", "2.8.0")), "2.9.0"));

        Assert.Equal(new AddonGrains.Grains.Decision.Decision(DecisionKind.RecordAndTrigger, "2.8.0", UpgradeDirection.Downgrade), result.Decision);
    }

    [Fact]
    public void Decide_DowngradeUnderRollbacksSkip_RecordsOnly()
    {
        var result = RolloutDecider.Decide(Input(Of(Ready("a", "2.8.0")), "2.9.0", Policy with { Rollbacks = RollbackPolicy.Skip }));

        Assert.Equal(new AddonGrains.Grains.Decision.Decision(DecisionKind.RecordOnly, "2.8.0", UpgradeDirection.Downgrade), result.Decision);
    }

    [Fact]
    public void Decide_VersionsThatAreNotSemver_TriggerWithDirectionChange()
    {
        var result = RolloutDecider.Decide(Input(Of(Ready("a", "build-blue"), Ready("b", "build-blue")), "build-green"));

        Assert.Equal(new AddonGrains.Grains.Decision.Decision(DecisionKind.RecordAndTrigger, "build-blue", UpgradeDirection.Change), result.Decision);
    }

    [Fact]
    public void Decide_NotReadyClusterUnderIgnore_IsExcludedAndConvergenceProceeds()
    {
        var result = RolloutDecider.Decide(Input(Of(Ready("a", "2.1.0"), NotReady("b", "hibernating")), "2.0.0"));

        Assert.Equal(DecisionKind.RecordAndTrigger, result.Decision.Kind);
        Assert.Equal("b", Assert.Single(result.Excluded).ClusterId);
        Assert.Equal((2, 1), (result.ClustersTotal, result.ClustersApplicable));
    }

    [Fact]
    public void Decide_NotReadyClusterUnderBlock_BlocksConvergenceAndIsNamed()
    {
        var result = RolloutDecider.Decide(Input(Of(Ready("a", "2.1.0"), NotReady("b", "hibernating")), "2.0.0",
            Policy with { NotReadyClusters = NotReadyPolicy.Block }));

        Assert.Equal(RolloutPhase.RollingOut, result.Phase);
        Assert.Equal(DecisionKind.None, result.Decision.Kind);
        Assert.Contains(result.Stragglers, s => s.ClusterId == "b" && s.Reason.Contains("block", StringComparison.Ordinal));
    }

    [Fact]
    public void Decide_ClusterAddedMidRolloutOnOldVersion_KeepsRollingOut()
    {
        var memory = new RolloutMemory(T0.AddMinutes(-10), null, null);

        var result = RolloutDecider.Decide(Input(Of(Ready("a", "2.1.0"), Ready("b", "2.1.0"), Ready("new", "2.0.0")), "2.0.0", memory: memory));

        Assert.Equal(RolloutPhase.RollingOut, result.Phase);
        Assert.Equal("new", Assert.Single(result.Stragglers).ClusterId);
        Assert.Equal(T0.AddMinutes(-10), result.Memory.RolloutStartedAt);
    }

    [Fact]
    public void Decide_StragglerRemovedMidRollout_Converges()
    {
        var memory = new RolloutMemory(T0.AddMinutes(-10), null, null);

        var result = RolloutDecider.Decide(Input(Of(Ready("a", "2.1.0"), Ready("b", "2.1.0")), "2.0.0", memory: memory));

        Assert.Equal(new AddonGrains.Grains.Decision.Decision(DecisionKind.RecordAndTrigger, "2.1.0", UpgradeDirection.Upgrade), result.Decision);
    }

    [Fact]
    public void Decide_SoakNotYetElapsed_WaitsAndRemembersSince()
    {
        var policy = Policy with { Soak = TimeSpan.FromMinutes(10) };
        var memory = new RolloutMemory(T0.AddMinutes(-20), "2.1.0", T0.AddMinutes(-5));

        var result = RolloutDecider.Decide(Input(Of(Ready("a", "2.1.0")), "2.0.0", policy, memory));

        Assert.Equal(DecisionKind.None, result.Decision.Kind);
        Assert.Equal(RolloutPhase.RollingOut, result.Phase);
        Assert.Equal(T0.AddMinutes(5), result.SoakUntil);
        Assert.Equal(T0.AddMinutes(-5), result.Memory.ConvergedSince);
    }

    [Fact]
    public void Decide_SoakElapsed_Triggers()
    {
        var policy = Policy with { Soak = TimeSpan.FromMinutes(10) };
        var memory = new RolloutMemory(T0.AddMinutes(-20), "2.1.0", T0.AddMinutes(-10));

        var result = RolloutDecider.Decide(Input(Of(Ready("a", "2.1.0")), "2.0.0", policy, memory));

        Assert.Equal(DecisionKind.RecordAndTrigger, result.Decision.Kind);
    }

    [Fact]
    public void Decide_FirstConvergedCheckWithSoak_StartsTheSoakNow()
    {
        var policy = Policy with { Soak = TimeSpan.FromMinutes(10) };

        var result = RolloutDecider.Decide(Input(Of(Ready("a", "2.1.0")), "2.0.0", policy));

        Assert.Equal(DecisionKind.None, result.Decision.Kind);
        Assert.Equal(new RolloutMemory(T0, "2.1.0", T0), result.Memory);
    }

    [Fact]
    public void Decide_RolloutOlderThanStallAfter_IsStalled()
    {
        var memory = new RolloutMemory(T0 - TimeSpan.FromHours(25), null, null);

        var result = RolloutDecider.Decide(Input(Of(Ready("a", "2.1.0"), Ready("b", "2.0.0")), "2.0.0", memory: memory));

        Assert.Equal(RolloutPhase.Stalled, result.Phase);
        Assert.Equal("b", Assert.Single(result.Stragglers).ClusterId);
    }

    [Fact]
    public void Decide_FlapBackToLastKnownBeforeConvergence_NeverTriggers()
    {
        var policy = Policy with { FirstSeen = FirstSeenPolicy.Trigger };
        var first = RolloutDecider.Decide(Input(Of(Ready("a", "2.1.0"), Ready("b", "2.0.0")), "2.0.0", policy));

        var second = RolloutDecider.Decide(Input(Of(Ready("a", "2.0.0"), Ready("b", "2.0.0")), "2.0.0", policy, first.Memory, T0.AddMinutes(1)));

        Assert.Equal(RolloutPhase.RollingOut, first.Phase);
        Assert.Equal(DecisionKind.None, first.Decision.Kind);
        Assert.Equal(RolloutPhase.Idle, second.Phase);
        Assert.Equal(DecisionKind.None, second.Decision.Kind);
    }

    [Fact]
    public void Decide_UnknownEnumValuesFromOcm_AreTreatedAsNotReady()
    {
        var clusters = Of(Ready("a", "2.1.0"), Ready("b", "2.1.0", "upgrading"), NotReady("c", "updating"), NotReady("d", "some_future_state"));

        var result = RolloutDecider.Decide(Input(clusters, "2.0.0"));

        Assert.Equal(RolloutPhase.RollingOut, result.Phase);
        Assert.Equal("b", Assert.Single(result.Stragglers).ClusterId);
        Assert.Equal(["c", "d"], result.Excluded.Select(e => e.ClusterId));
    }

    [Fact]
    public void Decide_ObservationFailed_IsInconclusiveAndKeepsMemory()
    {
        var memory = new RolloutMemory(T0.AddMinutes(-3), null, null);

        var result = RolloutDecider.Decide(Input(Of(Ready("a", "2.1.0")), "2.0.0", memory: memory, error: "OCM returned 503"));

        Assert.Equal(RolloutPhase.Inconclusive, result.Phase);
        Assert.Equal(DecisionKind.None, result.Decision.Kind);
        Assert.Equal(memory, result.Memory);
        Assert.Equal("OCM returned 503", result.Error);
    }

    [Fact]
    public void Decide_InstallationBeingDeleted_IsNotApplicable()
    {
        var result = RolloutDecider.Decide(Input(Of(Ready("a", "2.1.0"), Ready("b", "2.0.0", "deleting")), "2.0.0"));

        Assert.Equal(DecisionKind.RecordAndTrigger, result.Decision.Kind);
        Assert.Equal(1, result.ClustersApplicable);
        Assert.Equal("b", Assert.Single(result.Excluded).ClusterId);
    }

    [Fact]
    public void Decide_InstallationWithoutVersion_IsAStraggler()
    {
        var result = RolloutDecider.Decide(Input(Of(Ready("a", "2.1.0"), Ready("b", null, "pending")), "2.0.0"));

        Assert.Equal(RolloutPhase.RollingOut, result.Phase);
        Assert.Equal("b", Assert.Single(result.Stragglers).ClusterId);
    }
}
