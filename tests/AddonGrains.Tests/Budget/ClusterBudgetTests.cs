using AddonGrains.Simulators.Ocm;
using AddonGrains.Upstream.Ocm;
using Orleans.TestingHost;

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
        await Wait.UntilAsync(() => cluster.Budgets.All(b => b.PausedUntil is not null), Patience,
            "every silo to pause after the 429", cluster.Shares, cancellationToken: Ct);
        var beforePause = cluster.Ocm.RequestCount(OcmRoutes.Addons);
        Assert.Equal(5, beforePause);

        // The requests in flight finish; then the whole budget is handed out again, as shares or as slots that
        // requests took before the pause and hold in the pause handler, to silos that all have listings to send, and
        // nothing is sent. (Which silo holds how much depends on timing: a silo whose requests took two slots before
        // the pause keeps them through it, and the silo that waited longest may then get none until the pause ends.)
        foreach (var gate in gates[1..])
        {
            gate.SetResult();
        }
        await Wait.UntilAsync(() => cluster.Ocm.InFlightRequests == 0
            && cluster.Budgets.Sum(b => Math.Max(b.Share, b.InFlight)) == 4
            && cluster.Budgets.All(b => b.Demand > 0), Patience,
            "the whole budget handed out (granted or held) and listings to send on every silo", cluster.Shares, cancellationToken: Ct);
        Assert.Equal(beforePause, cluster.Ocm.RequestCount(OcmRoutes.Addons));

        cluster.Clock.Advance(TimeSpan.FromSeconds(30));
        var results = await Task.WhenAll(listings.Select(l => l.ContinueWith(t => t.Exception?.InnerException, TaskScheduler.Default))).WaitAsync(Patience, Ct);
        var refused = Assert.IsType<OcmException>(Assert.Single(results, e => e is not null));
        Assert.Equal(429, refused.StatusCode);
        Assert.Equal(24, cluster.Ocm.RequestCount(OcmRoutes.Addons));
    }

    [Fact]
    public async Task ARenewalAnsweredAfterThePauseEnded_DoesNotPauseTheSiloAgain()
    {
        await using var cluster = await BudgetCluster.StartAsync(silos: 2, maxConcurrency: 4);
        cluster.Ocm.InjectFault(OcmRoutes.Addons, OcmFault.Status(429, TimeSpan.FromSeconds(30)));
        var refused = await Assert.ThrowsAsync<OcmException>(() => Assert.Single(BudgetCluster.List(cluster.Silos[0], 1, Ct)).WaitAsync(Patience, Ct));
        Assert.Equal(429, refused.StatusCode);
        var silo = cluster.Silos[1];
        var budget = BudgetCluster.Budget(silo);
        await Wait.UntilAsync(() => budget.PausedUntil is not null, Patience, "the other silo to pause", cluster.Shares, cancellationToken: Ct);

        // The grain answers a renewal with the 30 s left; the answer arrives only after those 30 s have passed.
        var held = cluster.CutOff.HoldNextRenewal(silo.SiloAddress);
        await held.Answered.WaitAsync(Patience, Ct);
        cluster.Clock.Advance(TimeSpan.FromSeconds(30));
        var renewals = cluster.CutOff.Renewals(silo.SiloAddress);
        held.Release();
        await Wait.UntilAsync(() => cluster.CutOff.Renewals(silo.SiloAddress) > renewals, Patience, "the silo to apply the late answer and renew again",
            cancellationToken: Ct);

        // The pause is counted from when the silo asked, so the late answer does not start it over.
        Assert.Null(budget.PausedUntil);
        Assert.Single(await Task.WhenAll(BudgetCluster.List(silo, 1, Ct)).WaitAsync(Patience, Ct));
    }

    [Fact]
    public async Task ASiloKilledMidCheck_GivesItsShareBackToTheSurvivors()
    {
        await using var cluster = await BudgetCluster.StartAsync(silos: 3, maxConcurrency: 4);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        cluster.Ocm.InjectFault(OcmRoutes.Addons, OcmFault.HeldUntil(gate.Task), probability: 1, seed: 1);
        // The victim (not the primary silo) lists first and holds the whole budget at the simulator; the others then
        // want slots too and wait with none.
        var victim = cluster.Silos[1];
        var survivors = cluster.Silos.Where(s => s != victim).ToList();
        var listings = new Dictionary<InProcessSiloHandle, Task<IReadOnlyList<OcmAddonInstallation>>[]> { [victim] = BudgetCluster.List(victim, 8, Ct) };
        await Wait.UntilAsync(() => cluster.Ocm.InFlightRequests == 4, Patience, "the whole budget in flight at the simulator", cluster.Shares, cancellationToken: Ct);
        foreach (var survivor in survivors)
        {
            listings[survivor] = BudgetCluster.List(survivor, 8, Ct);
        }
        await Wait.UntilAsync(() => survivors.All(s => BudgetCluster.Budget(s).Waiting == 8), Patience, "the survivors' listings waiting for slots", cluster.Shares, cancellationToken: Ct);

        var survivorBudgets = survivors.Select(BudgetCluster.Budget).ToList();
        Assert.True(survivorBudgets.Sum(b => b.Share) == 0, cluster.Shares());
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
