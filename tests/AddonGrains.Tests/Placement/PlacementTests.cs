namespace AddonGrains.Tests.Placement;

/// <summary>
/// An organization's grains live together on its home silo, the organizations spread evenly, and a silo that joins
/// takes over its share at the next checks without a missed or doubled build (docs/decisions.md).
/// </summary>
public sealed class PlacementTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ASiloJoiningMidRollout_TakesItsShareAtTheNextChecks_AndEachOrganizationBuildsOnce()
    {
        await using var cluster = await PlacementCluster.StartAsync(silos: 2);
        await cluster.CheckAllAsync(Ct);
        var firstHalf = PlacementCluster.Names.SelectMany(n => PlacementCluster.Clusters(n)[..2]).ToArray();
        cluster.Upgrade(firstHalf);
        Assert.All(await cluster.CheckAllAsync(Ct), s => Assert.Equal(RolloutPhase.RollingOut, s.Phase));
        var joined = await cluster.Cluster.StartAdditionalSiloAsync();
        // How many checks that takes depends on when each silo sees the new one (membership, then the manifest): the
        // checks go on until it holds; the timeout only bounds a failure.
        await Wait.UntilAsync(async () =>
        {
            Assert.All(await cluster.CheckAllAsync(Ct), s => Assert.Equal(RolloutPhase.RollingOut, s.Phase));
            return PlacementCluster.Names.Select(cluster.HomeOf).ToArray();
        }, homes => homes.Count(h => joined.SiloAddress.Equals(h)) == 2 && homes.All(h => h is not null), Patience,
            "the joining silo to host two organizations with all their grains", _ => cluster.Describe(), cancellationToken: Ct);
        // Settled: every organization's grains together on its home, two organizations per silo, and a check
        // makes no call to another silo.
        var homes = PlacementCluster.Names.ToDictionary(n => n, cluster.HomeOf);
        Assert.All(cluster.Silos, s => Assert.Equal(2, homes.Values.Count(h => s.SiloAddress.Equals(h))));
        var settled = cluster.CrossSiloCalls();
        await cluster.CheckAllAsync(Ct);
        Assert.Equal(settled, cluster.CrossSiloCalls());

        // A cluster grain moved away (as by hand) costs one cross-silo call at the next check, then goes home.
        var home = homes["place-1"]!;
        var stray = cluster.ClusterGrain("place-1", PlacementCluster.Clusters("place-1")[0]);
        var elsewhere = cluster.Silos.First(s => !s.SiloAddress.Equals(home)).SiloAddress;
        await cluster.Cluster.MigrateAsync(stray, elsewhere).WaitAsync(TimeSpan.FromSeconds(20), Ct);
        await Wait.UntilAsync(() => Task.FromResult(cluster.WhereIs("place-1")), w => w.Contains(elsewhere), Patience,
            "the cluster grain to move away", w => string.Join(", ", w), cancellationToken: Ct);
        await cluster.CheckAllAsync(Ct);
        Assert.Equal(settled + 1, cluster.CrossSiloCalls());
        await Wait.UntilAsync(() => Task.FromResult(cluster.HomeOf("place-1")), h => home.Equals(h), Patience,
            "the cluster grain back home", _ => cluster.Describe(), cancellationToken: Ct);
        await cluster.CheckAllAsync(Ct);
        Assert.Equal(settled + 1, cluster.CrossSiloCalls());

        cluster.Upgrade(PlacementCluster.Names.SelectMany(n => PlacementCluster.Clusters(n)[2..]));
        await cluster.CheckAllAsync(Ct);
        var histories = await Wait.UntilAsync(() => Task.WhenAll(PlacementCluster.Names.Select(n => cluster.Rollout(n).GetHistoryAsync(Ct))),
            h => h.All(t => t.Length == 1 && t[0].Delivery.Status.IsFinished()), Patience, "one finished trigger per organization", cancellationToken: Ct);
        await cluster.CheckAllAsync(Ct);

        Assert.All(histories, h => Assert.Equal(TriggerStatus.Succeeded, h[0].Delivery.Status));
        // Grains moving never took the OCM traffic above the cluster's budget.
        Assert.InRange(cluster.World.Ocm.PeakInFlightRequests, 1, PlacementCluster.OcmBudget);
        var builds = cluster.World.Jenkins.Builds(PlacementCluster.Job);
        Assert.Equal(PlacementCluster.Organizations, builds.Count);
        Assert.Equal(histories.Select(h => h[0].Request.TriggerId).Order(), builds.Select(b => b.Parameters["TRIGGER_ID"]).Order());
    }
}
