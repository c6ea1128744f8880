using AddonGrains.Simulators.Ocm;

namespace AddonGrains.Tests.EndToEnd;

/// <summary>
/// The add-on service's faults and states through the real client and simulator (the default <c>addonsApi</c>): a
/// failed status read, a desired version that moves on mid-rollout, an upgrade stuck in <c>upgrading</c>, and
/// <c>UpgradeSucceeded=False</c> on the last cluster. None triggers early; where the fleet then truly converges, one
/// trigger for the right version follows.
/// </summary>
[Collection(EndToEndGroup.Name)]
[Trait("Category", "Chaos")]
public sealed class AddonServiceChaosTests(EndToEndFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task StatusReadFailsForOneCluster_CheckIsInconclusiveWithoutTrigger_ThenTriggersOnceItAnswers()
    {
        var clusters = new[] { "sf-1", "sf-2", "sf-3" };
        var grain = await BaselineAsync("e2e-status-fault", "org-status-fault", clusters);
        fixture.World.SetVersion("acm", "1.1.0", clusters);
        // A 400 is not retried: exactly one status read (one cluster's) fails.
        fixture.Ocm.InjectFault(OcmRoutes.AddonStatus, OcmFault.Status(400));

        var failed = await grain.CheckAsync(Ct);

        Assert.Equal(RolloutPhase.Inconclusive, failed.Phase);
        Assert.Contains("reading the status of add-on acm on cluster", failed.LastError, StringComparison.Ordinal);
        Assert.Equal("1.0.0", failed.LastKnownVersion);
        Assert.Empty(await grain.GetHistoryAsync(Ct));
        var recovered = await grain.CheckAsync(Ct);
        Assert.Equal(("1.1.0", RolloutPhase.Idle), (recovered.LastKnownVersion, recovered.Phase));
        await WaitForOneSucceededAsync(grain, "1.1.0");
        Assert.Single(fixture.Jenkins.Builds("status-fault"));
    }

    [Fact]
    public async Task DesiredVersionMovesOnDuringARollout_NoTriggerForTheSupersededVersion()
    {
        var clusters = new[] { "dv-1", "dv-2", "dv-3" };
        var grain = await BaselineAsync("e2e-desired", "org-desired", clusters);
        fixture.World.Upgrade("acm", "1.1.0", clusters, listingsUntilReady: null);
        fixture.World.SetVersion("acm", "1.1.0", clusters[..2]);
        var rolling = await grain.CheckAsync(Ct);

        // The next scheduled upgrade goes to 1.2.0 everywhere, and the last cluster then finishes 1.1.0.
        foreach (var cluster in clusters[..2])
        {
            fixture.Ocm.SetDesiredVersion(cluster, "acm", "1.2.0");
        }
        fixture.Ocm.SetAddonInstallation(clusters[2], "acm", "1.1.0");
        fixture.Ocm.SetDesiredVersion(clusters[2], "acm", "1.2.0");
        var superseded = await grain.CheckAsync(Ct);

        Assert.Equal((RolloutPhase.RollingOut, "1.1.0", 2), (rolling.Phase, rolling.TargetVersion, rolling.ClustersOnTarget));
        Assert.Equal("upgrading", Assert.Single(rolling.Stragglers).AddonState);
        Assert.Equal((RolloutPhase.RollingOut, "1.2.0", 0, "1.0.0"), (superseded.Phase, superseded.TargetVersion, superseded.ClustersOnTarget, superseded.LastKnownVersion));
        Assert.All(superseded.Stragglers, s => Assert.Equal(("1.1.0", "1.2.0"), (s.Version, s.DesiredVersion)));
        Assert.Empty(await grain.GetHistoryAsync(Ct));

        fixture.World.SetVersion("acm", "1.2.0", clusters);
        Assert.Equal("1.2.0", (await grain.CheckAsync(Ct)).LastKnownVersion);
        await WaitForOneSucceededAsync(grain, "1.2.0");
        Assert.Equal("1.2.0", Assert.Single(fixture.Jenkins.Builds("desired")).Parameters["ADDON_VERSION"]);
    }

    [Fact]
    public async Task ClusterStuckInUpgrading_IsStalledWithItAsStragglerAfterStallAfter()
    {
        var clusters = new[] { "st-1", "st-2" };
        var grain = await BaselineAsync("e2e-stuck", "org-stuck", clusters);
        fixture.World.Upgrade("acm", "1.1.0", clusters[..1], listingsUntilReady: 1);
        fixture.World.Upgrade("acm", "1.1.0", clusters[1..], listingsUntilReady: null);

        var rolling = await grain.CheckAsync(Ct);
        // stallAfter is 1s for this organization; the rollout stays stuck, so a later check must say Stalled.
        var stalled = await Wait.UntilAsync(() => grain.CheckAsync(Ct), s => s.Phase == RolloutPhase.Stalled, TimeSpan.FromSeconds(60),
            "the stuck rollout to be reported Stalled", cancellationToken: Ct);

        Assert.Equal(RolloutPhase.RollingOut, rolling.Phase);
        var straggler = Assert.Single(stalled.Stragglers);
        Assert.Equal(("st-2", "upgrading", "1.1.0"), (straggler.ClusterId, straggler.AddonState, straggler.DesiredVersion));
        Assert.Equal((1, "1.0.0"), (stalled.ClustersOnTarget, stalled.LastKnownVersion));
        Assert.Empty(await grain.GetHistoryAsync(Ct));
        Assert.Empty(fixture.Jenkins.Builds("stuck"));
    }

    [Fact]
    public async Task UpgradeSucceededFalseOnTheLastCluster_NoTriggerUntilItClears()
    {
        var clusters = new[] { "us-1", "us-2", "us-3" };
        var grain = await BaselineAsync("e2e-unsucceeded", "org-unsucceeded", clusters);
        fixture.World.SetVersion("acm", "1.1.0", clusters);
        fixture.Ocm.SetAddonConditions(clusters[^1], "acm", new SimulatedAddonCondition("UpgradeSucceeded", "False", "UpgradeFailed"),
            new SimulatedAddonCondition("Available", "True"));

        var held = await grain.CheckAsync(Ct);
        var again = await grain.CheckAsync(Ct);

        Assert.Equal((RolloutPhase.RollingOut, "1.1.0", 2), (held.Phase, held.TargetVersion, held.ClustersOnTarget));
        Assert.Equal(RolloutPhase.RollingOut, again.Phase);
        var straggler = Assert.Single(held.Stragglers);
        Assert.Equal((clusters[^1], "ready", "UpgradeSucceeded=False: UpgradeFailed"), (straggler.ClusterId, straggler.AddonState, straggler.HeldBy));
        Assert.Empty(await grain.GetHistoryAsync(Ct));

        fixture.World.SetVersion("acm", "1.1.0", clusters[^1..]);
        Assert.Equal("1.1.0", (await grain.CheckAsync(Ct)).LastKnownVersion);
        await WaitForOneSucceededAsync(grain, "1.1.0");
        Assert.Single(fixture.Jenkins.Builds("unsucceeded"));
    }

    /// <summary>Puts <paramref name="clusters"/> on 1.0.0 and records it as the baseline.</summary>
    private async Task<IRolloutGrain> BaselineAsync(string organization, string orgId, string[] clusters)
    {
        var grain = fixture.Grains.GetGrain<IRolloutGrain>(RolloutKey.For(organization, "acm"));
        fixture.World.Fleet(orgId, "acm", "1.0.0", clusters);
        Assert.Equal("1.0.0", (await grain.CheckAsync(Ct)).LastKnownVersion);
        return grain;
    }

    private static Task<ImmutableArray<TriggerSnapshot>> WaitForOneSucceededAsync(IRolloutGrain grain, string version) =>
        Wait.UntilAsync(() => grain.GetHistoryAsync(Ct), h => h.Length == 1 && h[0].Request.Event.Version == version && h[0].Delivery.Status == TriggerStatus.Succeeded,
            TimeSpan.FromSeconds(60), $"one trigger for {version} to succeed", cancellationToken: Ct);
}
