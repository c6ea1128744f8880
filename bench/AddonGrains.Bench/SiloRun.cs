using AddonGrains.Simulators.Ocm;
using AddonGrains.Testing;

namespace AddonGrains.Bench;

/// <summary>
/// The several-silo run (<c>--silos N</c>): 200 organizations × 500 clusters on N production silo processes sharing
/// one OCM environment whose budget is 16 requests in flight for the whole cluster. The bench drives every check
/// through an Orleans client (the silos' own reminders are hourly) and reads the figures from the OCM sidecar, /proc
/// and the silos' /metrics. The default single-silo run is not made (see docs/performance.md).
/// </summary>
internal static class SiloRun
{
    public const int MaxSilos = 8;
    public const int Organizations = 200;
    public const int ClustersPerOrganization = 500;
    private const int Budget = MultiOrgRun.Budget;
    private const int PerOrganization = MultiOrgRun.PerOrganization;

    /// <summary>Grain-to-grain calls whose caller is on another silo, per silo (Prometheus name).</summary>
    public const string CrossSiloMetric = "addongrains_grain_calls_cross_silo_total";

    private static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(2);

    /// <summary>Arrivals of add-on listings before the 429: by then every silo's checks are sending.</summary>
    private const int ListingsBeforePause = 5000;

    public static async Task<SiloResult> RunAsync(BenchOptions given)
    {
        var run = Stopwatch.StartNew();
        var loadAtStart = ProcessMemory.LoadAverage();
        var options = MultiOrgRun.SharedBudget(given, Organizations, ClustersPerOrganization);
        var latency = TimeSpan.FromMilliseconds(options.LatencyMs);
        Progress($"silos: seeding {Organizations} x {ClustersPerOrganization} clusters, budget {Budget}, {PerOrganization} per organization, {options.LatencyMs} ms");
        // The Jenkins simulator of this world serves the silos; its OCM stays unused (the sidecar serves the same world).
        await using var world = await BenchEnvironment.DescribeWorld(options).StartAsync();
        world.Jenkins.RequestLatency = latency;
        await using var ocm = await OcmSidecar.StartAsync(options);
        ocm.RequestLatency = latency;
        Progress($"silos: starting PostgreSQL and {given.Silos} silo processes ({SiloHostProcess.SiloDll})");
        await using var cluster = await SiloCluster.StartAsync(given.Silos, world, ocm);
        var startSeconds = run.Elapsed.TotalSeconds;
        Progress($"silos: {given.Silos} silos Active after {startSeconds:F1}s");
        var rollouts = Enumerable.Range(0, Organizations)
            .Select(o => cluster.Client.GetGrain<IRolloutGrain>(RolloutKey.For(BenchEnvironment.OrganizationName(o), BenchEnvironment.Addon)))
            .ToArray();

        // Cold sweep (activations, JIT, first-seen versions). The rollouts' reminders (due 1 s after the silos
        // registered them at start) may already run a check each: ours queue behind them. The 429 goes out during it.
        var cold = Stopwatch.StartNew();
        var coldSweep = Task.WhenAll(rollouts.Select(r => r.CheckAsync()));
        await Wait.UntilAsync(() => coldSweep.IsCompleted || ocm.RequestCount(OcmRoutes.ServiceAddons) >= ListingsBeforePause,
            TimeSpan.FromMinutes(5), $"{ListingsBeforePause} add-on listings at the simulator", interval: TimeSpan.FromMilliseconds(100));
        var pause = await ocm.PauseAsync(OcmRoutes.ServiceAddons, RetryAfter);
        Progress($"silos: 429 with Retry-After {RetryAfter.TotalSeconds:F0}s during the cold sweep: {pause.RequestsDuringPause} requests arrived during it, "
            + $"{pause.InFlightAtPause} in flight at the 429, last arrival {pause.LastArrivalMs:F1} ms after it");
        var coldStatuses = await coldSweep;
        var coldSeconds = cold.Elapsed.TotalSeconds;
        var coldNotIdle = coldStatuses.Count(s => !IsIdle(s));
        Progress($"silos: cold sweep {coldSeconds:F1}s ({coldNotIdle} checks not Idle over {ClustersPerOrganization} clusters"
            + (coldNotIdle > 0 ? $", e.g. {Describe(coldStatuses.First(s => !IsIdle(s)))}" : "") + ")");

        // The measured sweep.
        ocm.ResetRequestCounts();
        ocm.ResetPeakInFlight();
        var crossBefore = await ScrapeCrossSiloAsync(cluster);
        var cpuBefore = SiloCpu(cluster);
        var sweep = Stopwatch.StartNew();
        var statuses = await Task.WhenAll(rollouts.Select(r => r.CheckAsync()));
        sweep.Stop();
        var cpu = SiloCpu(cluster) - cpuBefore;
        var requests = ApiVariants.Requests(ocm);
        var peak = ocm.PeakInFlightRequests;
        var crossAfter = await ScrapeCrossSiloAsync(cluster);
        if (statuses.FirstOrDefault(s => !IsIdle(s)) is { } bad)
        {
            throw new InvalidOperationException($"measured sweep: expected Idle over {ClustersPerOrganization} clusters, got {Describe(bad)}");
        }

        var floor = requests / (double)Budget * latency.TotalSeconds;
        Progress($"silos: measured sweep {sweep.Elapsed.TotalSeconds:F1}s for {requests} requests, floor {floor:F1}s ({sweep.Elapsed.TotalSeconds / floor:F2} x), "
            + $"peak in flight {peak} (budget {Budget}), silo cpu {cpu.TotalSeconds:F1}s");
        if (peak > Budget)
        {
            throw new InvalidOperationException($"the cluster-wide OCM budget was exceeded: {peak} requests in flight at the simulator, budget {Budget}");
        }

        var activations = await ActivationsPerSiloAsync(cluster);
        var rss = cluster.Silos.Max(s => s.PeakResidentMegabytes());
        double? crossPerCheck = crossBefore is { } b && crossAfter is { } a ? (a - b) / rollouts.Length : null;
        Progress($"silos: peak rss {string.Join(", ", cluster.Silos.Select(s => $"{s.Name} {s.PeakResidentMegabytes():F0} MB"))}; "
            + $"cross-silo calls per check {(crossPerCheck is { } c ? c.ToString("F2", System.Globalization.CultureInfo.InvariantCulture) : "n/a")}");
        return new SiloResult
        {
            Silos = given.Silos,
            Organizations = Organizations,
            ClustersPerOrganization = ClustersPerOrganization,
            Clusters = Organizations * ClustersPerOrganization,
            LatencyMs = options.LatencyMs,
            OcmBudget = Budget,
            OcmConcurrencyPerOrganization = PerOrganization,
            ClusterSweepSeconds = Round(sweep.Elapsed.TotalSeconds),
            ClusterSweepFloorSeconds = Round(floor),
            ClusterSweepToFloor = Round(sweep.Elapsed.TotalSeconds / floor),
            ClusterOcmRequests = requests,
            ClusterPeakOcmConcurrency = peak,
            ColdSweepSeconds = Round(coldSeconds),
            ColdSweepChecksNotIdle = coldNotIdle,
            SiloRssMb = Math.Round(rss, 1),
            ActivationsPerSilo = new ActivationSpread(activations.Min(), activations.Max(), Math.Round(activations.Average(), 1)),
            CrossSiloCallsPerCheck = crossPerCheck is { } x ? Round(x) : null,
            CpuMsPerListing = Round(cpu.TotalMilliseconds / requests),
            SiloCpuSeconds = Round(cpu.TotalSeconds),
            RequestsDuringPause = pause.RequestsDuringPause,
            PauseInFlightAtResponse = pause.InFlightAtPause,
            PauseLastArrivalMs = pause.LastArrivalMs,
            PauseRetryAfterSeconds = (int)RetryAfter.TotalSeconds,
            ClientResponseTimeoutSeconds = SiloCluster.ClientResponseTimeout.TotalSeconds,
            StartSeconds = Round(startSeconds),
            TotalSeconds = Round(run.Elapsed.TotalSeconds),
            LoadAverageStart = loadAtStart,
            LoadAverageEnd = ProcessMemory.LoadAverage(),
            ProcessorCount = Environment.ProcessorCount,
        };
    }

    private static bool IsIdle(RolloutStatus status) => status.Phase == RolloutPhase.Idle && status.ClustersTotal == ClustersPerOrganization;

    private static string Describe(RolloutStatus status) =>
        $"{status.Organization}: {status.Phase} over {status.ClustersTotal} clusters ({status.LastError})";

    private static TimeSpan SiloCpu(SiloCluster cluster) => cluster.Silos.Aggregate(TimeSpan.Zero, (sum, s) => sum + s.CpuTime());

    /// <summary>The cross-silo counter summed over the silos; null (with a warning) when a silo exports no AddonGrains metric at all.</summary>
    private static async Task<double?> ScrapeCrossSiloAsync(SiloCluster cluster)
    {
        var values = await Task.WhenAll(cluster.Silos.Select(s => s.ScrapeCounterAsync(CrossSiloMetric)));
        if (values.Any(v => v is null))
        {
            Progress($"silos: WARNING a silo exports no AddonGrains metrics on /metrics: crossSiloCallsPerCheck is null");
            return null;
        }

        return values.Sum();
    }

    /// <summary>Grain activations per active silo (every grain type; system targets are not activations), with a per-type line on stderr.</summary>
    private static async Task<int[]> ActivationsPerSiloAsync(SiloCluster cluster)
    {
        var management = cluster.Client.GetGrain<IManagementGrain>(0);
        var hosts = await management.GetHosts(onlyActive: true);
        var statistics = await management.GetSimpleGrainStatistics();
        var perSilo = hosts.Keys.Select(silo => statistics.Where(s => s.SiloAddress.Equals(silo)).ToList()).ToList();
        foreach (var (silo, stats) in hosts.Keys.Zip(perSilo))
        {
            Progress($"silos: activations on {silo}: {stats.Sum(s => s.ActivationCount)} ("
                + string.Join(", ", stats.OrderByDescending(s => s.ActivationCount).Select(s => $"{s.GrainType.Split(',')[0].Split('.')[^1]} {s.ActivationCount}")) + ")");
        }

        return [.. perSilo.Select(stats => stats.Sum(s => s.ActivationCount))];
    }

    private static double Round(double value) => Math.Round(value, 3);

    private static void Progress(string message) => Console.Error.WriteLine($"[bench] {message}");
}
