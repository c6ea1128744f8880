
namespace AddonGrains.Bench;

/// <summary>
/// The multi-organization run: 20 organizations × 500 clusters on one OCM environment whose budget is 16
/// requests in flight, each organization at the default <c>polling.ocmConcurrency</c> of 8. All organizations check at
/// once; the simulator records the most requests it had in flight, which must never exceed the budget.
/// </summary>
internal static class MultiOrgRun
{
    public const int Organizations = 20;
    public const int ClustersPerOrganization = 500;
    public const int Budget = 16;
    public const int PerOrganization = 8;

    public static async Task<BenchResult> RunAsync(BenchOptions p1, BenchResult result)
    {
        var options = SharedBudget(p1, Organizations, ClustersPerOrganization);
        Progress($"multi-org: seeding {Organizations} x {ClustersPerOrganization} clusters, budget {Budget}, {PerOrganization} per organization");
        await using var env = await BenchEnvironment.StartAsync(options);
        var latency = TimeSpan.FromMilliseconds(options.LatencyMs);
        env.Ocm.RequestLatency = latency;
        var rollouts = Enumerable.Range(0, Organizations)
            .Select(o => env.Grains.GetGrain<IRolloutGrain>(RolloutKey.For(BenchEnvironment.OrganizationName(o), BenchEnvironment.Addon)))
            .ToArray();

        var cold = Stopwatch.StartNew();
        await CheckAllAsync(rollouts);
        Progress($"multi-org: cold check {cold.Elapsed.TotalSeconds:F2}s, peak in flight {env.Ocm.PeakInFlightRequests}");

        env.Ocm.ResetRequestCounts();
        env.Ocm.ResetPeakInFlight();
        var check = new CheckProbe();
        await CheckAllAsync(rollouts);
        check.Stop();
        var requests = ApiVariants.Requests(env);
        var peak = env.Ocm.PeakInFlightRequests;
        var floor = requests * latency.TotalSeconds / Budget;
        Progress($"multi-org: check {check.WallSeconds:F2}s for {requests} requests, floor {floor:F2}s ({check.WallSeconds / floor:F2} x), "
            + $"peak in flight {peak} (budget {Budget}), cpu {check.CpuSeconds:F2}s, alloc {check.AllocatedMb:F0} MB");
        if (peak > Budget)
        {
            throw new InvalidOperationException($"the OCM budget was exceeded: {peak} requests in flight, budget {Budget}");
        }

        return result with
        {
            MultiOrgCheckSeconds = Math.Round(check.WallSeconds, 3),
            MultiOrgFloorSeconds = Math.Round(floor, 3),
            PeakOcmConcurrency = peak,
            MultiOrgOcmBudget = Budget,
            // Steady state (the process has run a whole P1 bench first), simulator and bench included: one process.
            MultiOrgCpuMsPerListing = Math.Round(check.CpuSeconds * 1000 / requests, 3),
            MultiOrgAllocatedKbPerListing = Math.Round(check.AllocatedMb * 1024 / requests, 1),
        };
    }

    /// <summary>
    /// The world of a run on one shared budget: <paramref name="organizations"/> × <paramref name="clusters"/>, one
    /// subscription each, <see cref="PerOrganization"/> per organization within <see cref="Budget"/>, state in memory.
    /// </summary>
    public static BenchOptions SharedBudget(BenchOptions given, int organizations, int clusters) => given with
    {
        Organizations = organizations,
        Clusters = clusters,
        Subscriptions = 1,
        Concurrency = PerOrganization,
        MaxOcmConcurrency = Budget,
        Postgres = null,
        Profile = false,
        MultiOrg = false,
    };

    private static async Task CheckAllAsync(IRolloutGrain[] rollouts)
    {
        var statuses = await Task.WhenAll(rollouts.Select(r => r.CheckAsync()));
        foreach (var status in statuses)
        {
            if (status.Phase != RolloutPhase.Idle || status.ClustersTotal != ClustersPerOrganization)
            {
                throw new InvalidOperationException(
                    $"{status.Organization}: expected Idle over {ClustersPerOrganization} clusters, got {status.Phase} over {status.ClustersTotal} ({status.LastError})");
            }
        }
    }

    private static void Progress(string message) => Console.Error.WriteLine($"[bench] {message}");
}
