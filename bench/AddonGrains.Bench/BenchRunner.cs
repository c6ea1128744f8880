using AddonGrains.Simulators.Ocm;
using AddonGrains.Upstream.Ocm;

namespace AddonGrains.Bench;

/// <summary>Runs measurements (a)–(f) of docs/performance.md in one process, in an order where none disturbs the next.</summary>
internal static class BenchRunner
{
    // Medians over 5 checks moved by ±20 % in CPU between runs on a noisy 2-core host; 15 hold still.
    private const int SteadyChecks = 15;

    public static async Task<BenchResult> RunAsync(BenchOptions options)
    {
        var run = Stopwatch.StartNew();
        var loadAtStart = ProcessMemory.LoadAverage();
        Progress($"seeding {options.Organizations} x {options.Clusters} clusters, starting the silo");
        await using var env = await BenchEnvironment.StartAsync(options);
        var latency = TimeSpan.FromMilliseconds(options.LatencyMs);
        env.Ocm.RequestLatency = latency;
        env.Jenkins.RequestLatency = latency;
        var rollouts = Enumerable.Range(0, options.Organizations)
            .Select(o => env.Grains.GetGrain<IRolloutGrain>(RolloutKey.For(BenchEnvironment.OrganizationName(o), BenchEnvironment.Addon)))
            .ToArray();
        Task CheckAll() => CheckAllAsync(rollouts, RolloutPhase.Idle, options.Clusters);

        // Cold: activates the grains, fetches the token, JITs, and records the first-seen version (a baseline, no trigger).
        var cold = new CheckProbe();
        await CheckAllAsync(rollouts, RolloutPhase.Idle, options.Clusters);
        cold.Stop();
        Progress($"cold check {cold.WallSeconds:F2}s");
        if (options.Profile)
        {
            await StackProfile.RunAsync(env, options.Clusters);
        }

        // The first warm check: tiered JIT recompiles the hot paths at their final tier during it (reported, not judged).
        env.Ocm.ResetRequestCounts();
        env.Http.Reset();
        var firstWarm = new CheckProbe();
        await CheckAllAsync(rollouts, RolloutPhase.Idle, options.Clusters);
        firstWarm.Stop();
        var pages = env.Ocm.RequestCount(OcmRoutes.Clusters);
        var listings = env.Ocm.RequestCount(OcmRoutes.Addons) + env.Ocm.RequestCount(OcmRoutes.ServiceAddons);
        var statusReads = env.Ocm.RequestCount(OcmRoutes.AddonStatus);
        var tokens = env.Ocm.RequestCount(OcmRoutes.Token);
        var http = env.Http.Snapshot();
        Progress($"first warm check {firstWarm.WallSeconds:F2}s, {pages} pages + {listings} listings + {statusReads} status reads, cpu {firstWarm.CpuSeconds:F2}s, alloc {firstWarm.AllocatedMb:F0} MB"
            + (options.Profile ? $", http {http.Count} requests, mean {http.MeanMs:F1} ms, in flight max {http.MaxInFlight} mean {http.MeanInFlight:F1}" : ""));
        var ocm = env.Host.Services.GetRequiredService<IOcmClientFactory>().Create(BenchEnvironment.OcmName);
        var direct = await DirectFanOutAsync(env, ocm);
        http = env.Http.Snapshot();
        Progress($"client-only fan-out (no grains): {direct:F2}s" + (options.Profile ? $", mean {http.MeanMs:F1} ms, in flight max {http.MaxInFlight} mean {http.MeanInFlight:F1}" : ""));
        var observe = Stopwatch.StartNew();
        await env.Grains.GetGrain<IOrganizationGrain>(BenchEnvironment.OrganizationName(0)).ObserveAsync(TimeSpan.Zero);
        Progress($"organization grain alone: {observe.Elapsed.TotalSeconds:F2}s");

        // (a) one full check of the warm service, and (d) nothing changes: no state may be written. The check's time,
        // CPU and allocations are medians over the steady checks, with the JIT settled (one check's CPU varied
        // 0.15–0.8 s between runs while the JIT still recompiled).
        var writesBefore = env.Writes.Writes;
        var steady = new List<CheckProbe>();
        for (var i = 0; i < SteadyChecks; i++)
        {
            var probe = new CheckProbe();
            await CheckAllAsync(rollouts, RolloutPhase.Idle, options.Clusters);
            steady.Add(probe.Stop());
        }

        var steadyWrites = env.Writes.Writes - writesBefore;
        var checkSeconds = Median(steady, p => p.WallSeconds);
        var checkCpuSeconds = Median(steady, p => p.CpuSeconds);
        var checkAllocatedMb = Median(steady, p => p.AllocatedMb);
        // Per OCM request of a check on a cluster: add-on listings and status reads alike.
        var cpuMsPerListing = checkCpuSeconds * 1000 / (listings + statusReads);
        var allocatedKbPerListing = checkAllocatedMb * 1024 / (listings + statusReads);
        Progress($"{SteadyChecks} steady checks: median {checkSeconds:F2}s, {steadyWrites} writes, "
            + $"{cpuMsPerListing:F3} ms CPU and {allocatedKbPerListing:F1} KB allocated per listing or status read");

        // The other two ways to read add-ons, each against its own floor.
        var (clustersMgmtCheck, clustersMgmtFloor) = await ApiVariants.MeasureAsync(env, CheckAll, AddonsApi.ClustersMgmt, status: false);
        var (noStatusCheck, noStatusFloor) = await ApiVariants.MeasureAsync(env, CheckAll, AddonsApi.AddonsMgmt, status: false);
        Progress($"clusters_mgmt: {clustersMgmtCheck:F2}s (floor {clustersMgmtFloor:F2}s); add-on service without status: {noStatusCheck:F2}s (floor {noStatusFloor:F2}s)");

        // (f) after tracking every cluster (no forced collection: what an operator would see).
        var rss = ProcessMemory.ResidentMegabytes();
        var heap = GC.GetGCMemoryInfo().HeapSizeBytes / (1024.0 * 1024.0);
        Progress($"rss {rss:F0} MB, gc heap {heap:F0} MB");

        // Status reads while a full check runs (they interleave with it instead of waiting).
        var (statusP99, readsDuringCheck) = await HistoryBench.StatusDuringCheckAsync(rollouts[0]);
        Progress($"status during a check: p99 {statusP99:F1} ms over {HistoryBench.StatusReads} reads ({readsDuringCheck} while the check ran)");

        // (e) detection latency of the rollout timer. The first rollout also JITs and activates the trigger path
        // (Jenkins client, trigger grains), which a long-running silo has long done: it is reported, not judged.
        var coldDetection = await DetectionAsync(env, rollouts[0], BenchEnvironment.NewVersion);
        Progress($"first detection {coldDetection:F2}s (cold trigger path)");
        var detection = await DetectionAsync(env, rollouts[0], BenchEnvironment.NextVersion);
        Progress($"detection {detection:F2}s (rolloutInterval {options.RolloutInterval.TotalSeconds:F0}s)");

        // (b) the serial baseline over the same client and simulator.
        var baseline = await SerialBaseline.RunAsync(ocm, env.Ocm, BenchEnvironment.OrgId(0), options.Subscriptions,
            options.BaselineBudget ?? BenchOptions.RunBudget - run.Elapsed);
        Progress($"baseline {baseline.Seconds:F2}s{(baseline.Extrapolated ? $" (extrapolated from {baseline.MeasuredListings} listings)" : "")}");

        // After the core measurements (whose 120 s run budget it is not part of): a rollout after many
        // events (history and state size), and `addongrains status` as a process.
        var coreRunSeconds = run.Elapsed.TotalSeconds;
        var events = Stopwatch.StartNew();
        var (historyMs, stateBytes, stateRecords) = await HistoryBench.HistoryAtEventsAsync(env, options.HistoryEvents);
        var eventsSeconds = events.Elapsed.TotalSeconds;
        Progress($"{options.HistoryEvents} events in {eventsSeconds:F1}s: history --limit {HistoryBench.HistoryLimit} {historyMs:F1} ms, state {stateBytes} bytes ({stateRecords} records)");
        var statusCommandMs = await HistoryBench.StatusCommandAsync(env);
        Progress($"addongrains status over {options.StatusRollouts + options.Organizations} rollouts: {statusCommandMs:F0} ms (process start to exit)");

        // (c) one organization's requests spread over its concurrency; organizations run side by side.
        // With the add-on service's status reads: one more request per cluster whose add-on is ready.
        var pagesPerOrg = pages / options.Organizations;
        var floor = (pagesPerOrg + options.Clusters + (statusReads / options.Organizations)) * latency.TotalSeconds / options.Concurrency;
        return new BenchResult
        {
            Clusters = options.Clusters,
            Subscriptions = options.Subscriptions,
            Organizations = options.Organizations,
            LatencyMs = options.LatencyMs,
            Concurrency = options.Concurrency,
            Storage = options.Postgres is null ? "memory" : "postgres",
            CheckSeconds = Round(checkSeconds),
            ColdCheckSeconds = Round(cold.WallSeconds),
            FirstWarmCheckSeconds = Round(firstWarm.WallSeconds),
            FloorSeconds = Round(floor),
            CheckToFloor = floor > 0 ? Round(checkSeconds / floor) : 0,
            FirstWarmCheckToFloor = floor > 0 ? Round(firstWarm.WallSeconds / floor) : 0,
            BaselineSeconds = Round(baseline.Seconds),
            BaselineExtrapolated = baseline.Extrapolated,
            BaselineMeasuredListings = baseline.MeasuredListings,
            Speedup = Round(baseline.Seconds / checkSeconds),
            OcmRequests = pages + listings + statusReads,
            ClusterPages = pagesPerOrg,
            AddonListings = listings,
            StatusReads = statusReads,
            ClustersMgmtCheckSeconds = Round(clustersMgmtCheck),
            ClustersMgmtFloorSeconds = Round(clustersMgmtFloor),
            NoStatusCheckSeconds = Round(noStatusCheck),
            NoStatusFloorSeconds = Round(noStatusFloor),
            TokenRequests = tokens,
            BaselineOcmRequests = baseline.OcmRequests,
            SteadyStateDbWrites = steadyWrites,
            RssMb = Math.Round(rss, 1),
            GcHeapMb = Math.Round(heap, 1),
            CheckCpuSeconds = Round(checkCpuSeconds),
            CheckAllocatedMb = Math.Round(checkAllocatedMb, 1),
            CpuMsPerListing = Math.Round(cpuMsPerListing, 3),
            AllocatedKbPerListing = Math.Round(allocatedKbPerListing, 1),
            CheckGen0Collections = (int)Median(steady, p => p.Gen0),
            CheckGen2Collections = (int)Median(steady, p => p.Gen2),
            DetectionSeconds = Round(detection),
            FirstDetectionSeconds = Round(coldDetection),
            RolloutIntervalSeconds = options.RolloutInterval.TotalSeconds,
            TotalSeconds = Round(run.Elapsed.TotalSeconds),
            CoreRunSeconds = Round(coreRunSeconds),
            LoadAverageStart = loadAtStart,
            LoadAverageEnd = ProcessMemory.LoadAverage(),
            ProcessorCount = Environment.ProcessorCount,
            ResponseTimeoutSeconds = BenchEnvironment.ResponseTimeout(options).TotalSeconds,
            StatusP99MsDuringCheck = Math.Round(statusP99, 2),
            StatusReadsDuringCheck = readsDuringCheck,
            HistoryEvents = options.HistoryEvents,
            HistoryMsAt10kEvents = Math.Round(historyMs, 2),
            RolloutStateBytesAt10kEvents = stateBytes,
            RolloutStateRecordsAt10kEvents = stateRecords,
            HistoryEventsSeconds = Round(eventsSeconds),
            StatusRollouts = options.StatusRollouts + options.Organizations,
            StatusCommandMsAt100Rollouts = Math.Round(statusCommandMs, 1),
        };
    }

    /// <summary>The same requests as one check, straight over the client with the same concurrency: the HTTP stack's share.</summary>
    private static async Task<double> DirectFanOutAsync(BenchEnvironment env, IOcmClient ocm)
    {
        env.Http.Reset();
        var clock = Stopwatch.StartNew();
        var clusters = await ocm.ListClustersAsync(BenchEnvironment.OrgId(0));
        using var gate = new SemaphoreSlim(env.Options.Concurrency);
        await Task.WhenAll(clusters.Select(async c =>
        {
            await gate.WaitAsync();
            try
            {
                await ocm.ListAddonInstallationsAsync(c.Id);
            }
            finally
            {
                gate.Release();
            }
        }));
        return clock.Elapsed.TotalSeconds;
    }

    private static async Task CheckAllAsync(IRolloutGrain[] rollouts, RolloutPhase expected, int clusters)
    {
        var statuses = await Task.WhenAll(rollouts.Select(r => r.CheckAsync()));
        foreach (var status in statuses)
        {
            if (status.Phase != expected || status.ClustersTotal != clusters)
            {
                throw new InvalidOperationException(
                    $"{status.Organization}: expected {expected} over {clusters} clusters, got {status.Phase} over {status.ClustersTotal} ({status.LastError})");
            }
        }
    }

    /// <summary>
    /// Every cluster but the last on the new version, the last one still installing it; a check sees the rollout
    /// (and starts the rollout timer). Then the last one becomes ready: time until every job's POST reaches Jenkins.
    /// </summary>
    private static async Task<double> DetectionAsync(BenchEnvironment env, IRolloutGrain rollout, string version)
    {
        var clusters = env.Options.Clusters;
        for (var c = 0; c < clusters; c++)
        {
            env.Ocm.SetAddonInstallation(BenchEnvironment.ClusterId(0, c), BenchEnvironment.Addon, version, c == clusters - 1 ? "installing" : "ready");
        }

        var seen = await rollout.CheckAsync();
        if (seen.Phase != RolloutPhase.RollingOut)
        {
            throw new InvalidOperationException($"expected the rollout to be seen, got {seen.Phase} ({seen.LastError})");
        }

        var postsBefore = BuildPosts(env);
        env.Ocm.SetAddonInstallation(BenchEnvironment.ClusterId(0, clusters - 1), BenchEnvironment.Addon, version);
        var clock = Stopwatch.StartNew();
        var deadline = env.Options.RolloutInterval * 3 + TimeSpan.FromSeconds(120);
        while (BuildPosts(env) - postsBefore < env.Options.Subscriptions)
        {
            if (clock.Elapsed > deadline)
            {
                throw new TimeoutException($"no Jenkins POST within {deadline} of the last cluster becoming ready");
            }

            await Task.Delay(5);
        }

        return clock.Elapsed.TotalSeconds;
    }

    private static int BuildPosts(BenchEnvironment env) => env.Jenkins.Requests.Count(r =>
        r.Method == "POST" && (r.RawPath.EndsWith("/build", StringComparison.Ordinal) || r.RawPath.EndsWith("/buildWithParameters", StringComparison.Ordinal)));

    private static double Median(List<CheckProbe> probes, Func<CheckProbe, double> measure)
    {
        var sorted = probes.Select(measure).Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static double Round(double value) => Math.Round(value, 3);

    private static void Progress(string message) => Console.Error.WriteLine($"[bench] {message}");
}
