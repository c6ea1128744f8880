using System.Collections.Immutable;
using AddonGrains.Grains.Rollouts;
using AddonGrains.Simulators.Jenkins;
using AddonGrains.Simulators.World;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Serialization;
using Orleans.Storage;

namespace AddonGrains.Bench;

/// <summary>
/// Reads during a check, history and state size after many events, and the <c>status</c> command as a
/// process over many rollouts. Its organizations are added to the bench configuration but only touched here.
/// </summary>
internal static class HistoryBench
{
    public const int StatusReads = 100;
    public const int HistoryLimit = 20;
    public const int HistoryReads = 5;

    private const string HistoryOrganization = "bench-history";
    private const string DisabledJob = "bench/disabled";

    private static readonly OperatorRequest Operator = new("benchmark history events", Environment.UserName, Environment.MachineName, null);

    /// <summary>The extra organizations: one whose events' triggers end at once (its job is disabled), and the status ones.</summary>
    public static void AddOrganizations(SimulatedWorldBuilder world, BenchOptions options, string job)
    {
        world.Organization(HistoryOrganization, HistoryOrganization, o => o.Test(BenchEnvironment.Addon, DisabledJob));
        for (var i = 0; i < options.StatusRollouts; i++)
        {
            world.Organization(StatusOrganization(i), StatusOrganization(i), o => o.Test(BenchEnvironment.Addon, job));
        }
    }

    /// <summary>p99 of <see cref="StatusReads"/> status reads of a rollout while its full check runs.</summary>
    public static async Task<(double P99Ms, int ReadsDuringCheck)> StatusDuringCheckAsync(IRolloutGrain rollout)
    {
        var check = rollout.CheckAsync();
        var timings = new List<double>(StatusReads);
        var duringCheck = 0;
        for (var i = 0; i < StatusReads; i++)
        {
            var clock = Stopwatch.StartNew();
            await rollout.GetStatusAsync();
            timings.Add(clock.Elapsed.TotalMilliseconds);
            duringCheck += check.IsCompleted ? 0 : 1;
        }

        await check;
        timings.Sort();
        return (timings[(int)Math.Ceiling(0.99 * timings.Count) - 1], duringCheck);
    }

    /// <summary>
    /// <paramref name="events"/> manual events on one rollout (each trigger ends DeliveryFailed at once: its job is
    /// disabled; Jenkins answers without latency meanwhile, it is not what is measured), then the median of
    /// <see cref="HistoryReads"/> <c>history --limit 20</c> reads and the serialized size of the rollout's stored state.
    /// </summary>
    public static async Task<(double HistoryMs, int StateBytes, int Records)> HistoryAtEventsAsync(BenchEnvironment env, int events)
    {
        env.Jenkins.AddJob(new JenkinsSimJob(DisabledJob) { Disabled = true });
        var latency = env.Jenkins.RequestLatency;
        env.Jenkins.RequestLatency = TimeSpan.Zero;
        var key = RolloutKey.For(HistoryOrganization, BenchEnvironment.Addon);
        var rollout = env.Grains.GetGrain<IRolloutGrain>(key);
        await rollout.SetBaselineAsync(BenchEnvironment.OldVersion, Operator);
        for (var i = 0; i < events; i++)
        {
            var result = await rollout.RetriggerAsync(DisabledJob, null, Operator);
            if (!result.Accepted)
            {
                throw new InvalidOperationException($"event {i}: {result.Message}");
            }
        }

        env.Jenkins.RequestLatency = latency;
        var reads = new List<double>();
        var rows = 0;
        for (var i = 0; i < HistoryReads; i++)
        {
            var clock = Stopwatch.StartNew();
            rows = (await rollout.GetHistoryPageAsync(HistoryLimit, null)).Triggers.Length;
            reads.Add(clock.Elapsed.TotalMilliseconds);
        }

        if (rows != HistoryLimit)
        {
            throw new InvalidOperationException($"history --limit {HistoryLimit} returned {rows} rows");
        }

        var (bytes, records) = await StoredStateAsync(env, key);
        Console.Error.WriteLine($"[bench] history --limit {HistoryLimit} reads: {string.Join(", ", reads.Select(r => r.ToString("F2", System.Globalization.CultureInfo.InvariantCulture)))} ms");
        reads.Sort();
        return (reads[reads.Count / 2], bytes, records);
    }

    /// <summary>Registers the status rollouts and runs <c>addongrains status -o json</c> against the silo's gateway (median of 3).</summary>
    public static async Task<double> StatusCommandAsync(BenchEnvironment env)
    {
        var keys = Enumerable.Range(0, env.Options.StatusRollouts).Select(i => RolloutKey.For(StatusOrganization(i), BenchEnvironment.Addon))
            .Concat(env.Settings.RolloutKeys.Where(k => !k.StartsWith("bench-status-", StringComparison.Ordinal)))
            .ToImmutableArray();
        await env.Grains.GetGrain<IRegistryGrain>(IRegistryGrain.Key).ReconcileAsync(keys);
        var gatewayPort = env.Host.Services.GetRequiredService<IOptions<EndpointOptions>>().Value.GatewayPort;
        var cluster = env.Host.Services.GetRequiredService<IOptions<ClusterOptions>>().Value;
        var runs = new List<double>();
        for (var i = 0; i < 3; i++)
        {
            runs.Add(await StatusProcess.RunAsync(gatewayPort, cluster, keys.Length));
        }

        runs.Sort();
        return runs[1];
    }

    private static string StatusOrganization(int i) => $"bench-status-{i + 1:D3}";

    private static async Task<(int Bytes, int Records)> StoredStateAsync(BenchEnvironment env, string key)
    {
        var storage = env.Host.Services.GetRequiredKeyedService<IGrainStorage>(StorageNames.Rollouts);
        var grainId = GrainId.Create("rollout", key);
        var state = new GrainState<RolloutState>(new RolloutState());
        await storage.ReadStateAsync("rollout", grainId, state);
        var stored = state.State ?? throw new InvalidOperationException($"no stored state for {key}");
        var serializer = env.Host.Services.GetRequiredService<Serializer>();
        return (serializer.SerializeToArray(stored).Length, stored.Triggers.Count);
    }
}
