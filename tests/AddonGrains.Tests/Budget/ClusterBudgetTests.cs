using AddonGrains.Simulators.Ocm;
using AddonGrains.Upstream.Ocm;

namespace AddonGrains.Tests.Budget;

/// <summary>
/// One OCM budget for the whole cluster: three silos against the OCM simulator share one <c>maxConcurrency</c>, a
/// 429 pauses every silo, and a killed silo's share goes back to the survivors. Gates held by the test and a fake
/// clock decide every step; nothing depends on how fast the machine is.
/// </summary>
public sealed class ClusterBudgetTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(4)]
    [InlineData(2)]
    public async Task ThreeSilos_ListingAtOnce_NeverHaveMoreThanTheBudgetInFlightAtTheSimulator(int budget)
    {
        await using var cluster = await BudgetCluster.StartAsync(silos: 3, maxConcurrency: budget);
        cluster.Ocm.InjectFault(OcmRoutes.Addons, OcmFault.Delay(TimeSpan.FromMilliseconds(20)), probability: 1, seed: 1);

        var listings = cluster.Silos.SelectMany(s => BudgetCluster.List(s, 30, Ct)).ToList();
        await Task.WhenAll(listings).WaitAsync(Patience, Ct);

        Assert.Equal(90, cluster.Ocm.RequestCount(OcmRoutes.Addons));
        Assert.InRange(cluster.Ocm.PeakInFlightRequests, 1, budget);
        // Every silo got its work done through its share, even with fewer slots than silos.
        Assert.All(cluster.Silos, s => Assert.InRange(BudgetCluster.Budget(s).PeakInFlight, 1, budget));
    }

    [Fact]
    public async Task A429ToOneSilo_PausesEverySilo_UntilRetryAfterHasPassed()
    {
        await using var cluster = await BudgetCluster.StartAsync(silos: 3, maxConcurrency: 4);
        var gates = Enumerable.Range(0, 4).Select(_ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).ToArray();
        foreach (var gate in gates)
        {
            cluster.Ocm.InjectFault(OcmRoutes.Addons, OcmFault.HeldUntil(gate.Task));
        }
        var listings = cluster.Silos.SelectMany(s => BudgetCluster.List(s, 8, Ct)).ToList();
        await Wait.UntilAsync(() => cluster.Ocm.InFlightRequests == 4, Patience, "the whole budget in flight at the simulator", cluster.Shares, cancellationToken: Ct);

        // The next request after the first answer gets a 429 with Retry-After: 30.
        cluster.Ocm.InjectFault(OcmRoutes.Addons, OcmFault.Status(429, TimeSpan.FromSeconds(30)));
        gates[0].SetResult();
        await Wait.UntilAsync(() => cluster.Silos.All(s => BudgetCluster.Budget(s).PausedUntil is not null), Patience,
            "every silo to pause after the 429", cluster.Shares, cancellationToken: Ct);
        var beforePause = cluster.Ocm.RequestCount(OcmRoutes.Addons);
        Assert.Equal(5, beforePause);

        // The requests in flight finish; every silo then has a share and listings to send (waiting for the pause
        // before taking a slot, or holding one in the pause handler, as nothing is at the simulator), and sends nothing.
        foreach (var gate in gates[1..])
        {
            gate.SetResult();
        }
        await Wait.UntilAsync(() => cluster.Ocm.InFlightRequests == 0 && cluster.Silos.All(s =>
            BudgetCluster.Budget(s) is { Share: > 0, Demand: > 0 }), Patience,
            "every silo with a share and listings to send", cluster.Shares, cancellationToken: Ct);
        Assert.Equal(beforePause, cluster.Ocm.RequestCount(OcmRoutes.Addons));

        cluster.Clock.Advance(TimeSpan.FromSeconds(30));
        var results = await Task.WhenAll(listings.Select(l => l.ContinueWith(t => t.Exception?.InnerException, TaskScheduler.Default))).WaitAsync(Patience, Ct);
        var refused = Assert.IsType<OcmException>(Assert.Single(results, e => e is not null));
        Assert.Equal(429, refused.StatusCode);
        Assert.Equal(24, cluster.Ocm.RequestCount(OcmRoutes.Addons));
    }

    [Fact]
    public async Task ASiloKilledMidCheck_GivesItsShareBackToTheSurvivors()
    {
        await using var cluster = await BudgetCluster.StartAsync(silos: 3, maxConcurrency: 4);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        cluster.Ocm.InjectFault(OcmRoutes.Addons, OcmFault.HeldUntil(gate.Task), probability: 1, seed: 1);
        var listings = cluster.Silos.ToDictionary(s => s, s => BudgetCluster.List(s, 8, Ct));
        await Wait.UntilAsync(() => cluster.Ocm.InFlightRequests == 4, Patience, "the whole budget in flight at the simulator", cluster.Shares, cancellationToken: Ct);

        var victim = cluster.Silos.Skip(1).First(s => BudgetCluster.Budget(s).InFlight > 0);
        var survivors = cluster.Silos.Where(s => s != victim).ToList();
        var survivorBudgets = survivors.Select(BudgetCluster.Budget).ToList();
        Assert.True(survivorBudgets.Sum(b => b.Share) < 4, cluster.Shares());
        await cluster.Cluster.KillSiloAsync(victim, Ct);
        // Its lease runs out on the budget grain's clock; membership then declares it dead.
        cluster.Clock.Advance(BudgetCluster.LeaseDuration + TimeSpan.FromSeconds(1));

        await Wait.UntilAsync(() => survivorBudgets.Sum(b => b.Share) == 4, Patience,
            "the survivors to share the whole budget", () => string.Join(", ", survivorBudgets.Select(b => $"share {b.Share}, in flight {b.InFlight}, waiting {b.Waiting}")),
            cancellationToken: Ct);
        var leases = await cluster.Cluster.Client.GetGrain<IOcmBudgetGrain>("sim").GetLeasesAsync();
        Assert.DoesNotContain(leases, l => l.Silo.Equals(victim.SiloAddress));
        Assert.Equal(4, leases.Sum(l => l.Granted));

        gate.SetResult();
        await Task.WhenAll(survivors.SelectMany(s => listings[s])).WaitAsync(Patience, Ct);
        _ = Task.WhenAll(listings[victim]).ContinueWith(t => t.Exception, TaskScheduler.Default);
    }

    [Fact]
    public async Task ASiloCutOffFromTheBudgetGrain_FallsBackToAnEqualSplit_NeverTheWholeBudget()
    {
        await using var cluster = await BudgetCluster.StartAsync(silos: 3, maxConcurrency: 4);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        cluster.Ocm.InjectFault(OcmRoutes.Addons, OcmFault.HeldUntil(gate.Task), probability: 1, seed: 1);
        // Only one silo has work: it gets the whole budget.
        var busy = cluster.Silos[1];
        var budget = BudgetCluster.Budget(busy);
        var listings = BudgetCluster.List(busy, 8, Ct);
        await Wait.UntilAsync(() => cluster.Ocm.InFlightRequests == 4 && budget.Share == 4, Patience, "the busy silo with the whole budget in flight",
            cluster.Shares, cancellationToken: Ct);

        cluster.CutOff.Cut(busy.SiloAddress);
        cluster.Clock.Advance(BudgetCluster.LeaseDuration + TimeSpan.FromSeconds(1));

        // Its lease ran out and cannot be renewed: an equal split among the three live silos (4 / 3 = 1), not its last 4.
        await Wait.UntilAsync(() => budget.Share == 1, Patience, "the cut-off silo to fall back to one slot", cluster.Shares, cancellationToken: Ct);
        gate.SetResult();
        await Task.WhenAll(listings).WaitAsync(Patience, Ct);
        Assert.InRange(cluster.Ocm.PeakInFlightRequests, 1, 4);
        Assert.Equal(1, budget.Share);

        cluster.CutOff.Restore(busy.SiloAddress);
        await Wait.UntilAsync(() => budget.Share == 0, Patience, "the silo back in touch to get the share its (now idle) demand asks", cluster.Shares, cancellationToken: Ct);
    }
}
