using System.Text.Json;
using Spectre.Console;

namespace AddonGrains.Bench;

/// <summary>
/// What the several-silo run (<c>--silos N</c>) measured; serialized as its <c>BENCH {json}</c> line with the field
/// names of docs/performance.md, "Several silos at 100,000 clusters" (<c>clusters</c> and <c>cpuMsPerListing</c>
/// carry this run's figures).
/// </summary>
internal sealed record SiloResult
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public required int Silos { get; init; }
    public required int Organizations { get; init; }
    public required int ClustersPerOrganization { get; init; }
    public required int Clusters { get; init; }
    public required int LatencyMs { get; init; }
    public required int OcmBudget { get; init; }
    public required int OcmConcurrencyPerOrganization { get; init; }
    /// <summary>Wall time of the measured sweep: all 200 checks at once.</summary>
    public required double ClusterSweepSeconds { get; init; }
    /// <summary>The sweep's OCM requests ÷ the budget × the latency: the budget full all the time.</summary>
    public required double ClusterSweepFloorSeconds { get; init; }
    public required double ClusterSweepToFloor { get; init; }
    public required int ClusterOcmRequests { get; init; }
    /// <summary>Most requests in flight at the simulator during the measured sweep, all silos together.</summary>
    public required int ClusterPeakOcmConcurrency { get; init; }
    public required double ColdSweepSeconds { get; init; }
    public required int ColdSweepChecksNotIdle { get; init; }
    /// <summary>The largest peak RSS (VmHWM) of the silo processes.</summary>
    public required double SiloRssMb { get; init; }
    public required ActivationSpread ActivationsPerSilo { get; init; }
    /// <summary>Null while the silos do not export the cross-silo call counter.</summary>
    public required double? CrossSiloCallsPerCheck { get; init; }
    /// <summary>CPU of all silo processes during the measured sweep per OCM request of it.</summary>
    public required double CpuMsPerListing { get; init; }
    public required double SiloCpuSeconds { get; init; }
    public required int RequestsDuringPause { get; init; }
    public required int PauseInFlightAtResponse { get; init; }
    public required double PauseLastArrivalMs { get; init; }
    public required int PauseRetryAfterSeconds { get; init; }
    public required double ClientResponseTimeoutSeconds { get; init; }
    public required double StartSeconds { get; init; }
    public required double TotalSeconds { get; init; }
    public required double LoadAverageStart { get; init; }
    public required double LoadAverageEnd { get; init; }
    public required int ProcessorCount { get; init; }

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>Within ±25 % of the mean on every silo.</summary>
    private bool ActivationsBalanced => ActivationsPerSilo.Min >= 0.75 * ActivationsPerSilo.Mean && ActivationsPerSilo.Max <= 1.25 * ActivationsPerSilo.Mean;

    public void Write(IAnsiConsole console)
    {
        var table = new Table().Title($"AddonGrains bench: {Silos} silo processes, {Organizations} org x {ClustersPerOrganization} clusters, "
            + $"{LatencyMs} ms latency, OCM budget {OcmBudget} for the cluster, PostgreSQL")
            .AddColumns("measure", "value", "target", "met");
        ResultTable.Row(table, "measured sweep (all checks at once)", $"{ClusterSweepSeconds:F1} s ({ClusterOcmRequests} OCM requests)",
            $"<= 1.2 x floor = {1.2 * ClusterSweepFloorSeconds:F1} s", ClusterSweepToFloor <= 1.2);
        ResultTable.Row(table, "    floor (requests / budget x latency)", $"{ClusterSweepFloorSeconds:F1} s", $"sweep / floor = {ClusterSweepToFloor:F2}", null);
        ResultTable.Row(table, "    cold sweep", $"{ColdSweepSeconds:F1} s ({ColdSweepChecksNotIdle} not Idle)", "", null);
        ResultTable.Row(table, "peak OCM requests in flight (all silos)", $"{ClusterPeakOcmConcurrency}", $"<= {OcmBudget}", ClusterPeakOcmConcurrency <= OcmBudget);
        ResultTable.Row(table, "silo peak RSS (largest)", $"{SiloRssMb:F0} MB", "<= 512 MB", SiloRssMb <= 512);
        ResultTable.Row(table, "activations per silo (min / max / mean)", $"{ActivationsPerSilo.Min} / {ActivationsPerSilo.Max} / {ActivationsPerSilo.Mean:F0}",
            "within +-25 % of the mean", ActivationsBalanced);
        ResultTable.Row(table, "cross-silo grain calls per check", CrossSiloCallsPerCheck is { } c ? $"{c:F2}" : "n/a (counter not exported)", "<= 1",
            CrossSiloCallsPerCheck is { } v ? v <= 1 : null);
        ResultTable.Row(table, "silo CPU per OCM request", $"{CpuMsPerListing:F3} ms ({SiloCpuSeconds:F1} s)", "", null);
        ResultTable.Row(table, $"requests arriving during a 429's Retry-After ({PauseRetryAfterSeconds} s)", $"{RequestsDuringPause}", "0", RequestsDuringPause == 0);
        ResultTable.Row(table, "    in flight at the 429 / last arrival after it", $"{PauseInFlightAtResponse} / {PauseLastArrivalMs:F1} ms", "", null);
        ResultTable.Row(table, "silos Active after / whole run", $"{StartSeconds:F1} s / {TotalSeconds:F1} s", "< 30 min", TotalSeconds < 1800);
        ResultTable.Row(table, "machine load average (start / end)", $"{LoadAverageStart:F1} / {LoadAverageEnd:F1} on {ProcessorCount} cores",
            "timings assume a quiet machine", null);
        console.Write(table);
    }
}

/// <summary>Grain activations per silo after the measured sweep.</summary>
internal sealed record ActivationSpread(int Min, int Max, double Mean);
