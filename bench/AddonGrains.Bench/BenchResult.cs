using System.Text.Json;

namespace AddonGrains.Bench;

/// <summary>Everything one run measured; serialized as the <c>BENCH {json}</c> line (docs/performance.md).</summary>
internal sealed record BenchResult
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public required int Clusters { get; init; }
    public required int Subscriptions { get; init; }
    public required int Organizations { get; init; }
    public required int LatencyMs { get; init; }
    public required int Concurrency { get; init; }
    public required string Storage { get; init; }
    /// <summary>One full check of the warm service: the median of the steady checks (JIT settled). Until session 6 the first warm check.</summary>
    public required double CheckSeconds { get; init; }
    public required double ColdCheckSeconds { get; init; }
    /// <summary>The check right after the cold one: tiered JIT still recompiles the hot paths in the background during it.</summary>
    public required double FirstWarmCheckSeconds { get; init; }
    public required double FloorSeconds { get; init; }
    /// <summary>The goal "≤ 1.2 × floor" (docs/performance.md).</summary>
    public required double CheckToFloor { get; init; }
    public required double FirstWarmCheckToFloor { get; init; }
    public required double BaselineSeconds { get; init; }
    public required bool BaselineExtrapolated { get; init; }
    public required int BaselineMeasuredListings { get; init; }
    public required double Speedup { get; init; }
    public required int OcmRequests { get; init; }
    public required int ClusterPages { get; init; }
    public required int AddonListings { get; init; }
    /// <summary>The add-on service's status reads of the first warm check (one per cluster whose subscribed add-on is ready).</summary>
    public required int StatusReads { get; init; }
    /// <summary>A steady check reading clusters_mgmt instead (<c>addonsApi: clusters_mgmt</c>), median, and its floor.</summary>
    public required double ClustersMgmtCheckSeconds { get; init; }
    public required double ClustersMgmtFloorSeconds { get; init; }
    /// <summary>A steady check on the add-on service without status reads (<c>addonStatus: false</c>), median, and its floor.</summary>
    public required double NoStatusCheckSeconds { get; init; }
    public required double NoStatusFloorSeconds { get; init; }
    public required int TokenRequests { get; init; }
    public required int BaselineOcmRequests { get; init; }
    public required long SteadyStateDbWrites { get; init; }
    public required double RssMb { get; init; }
    public required double GcHeapMb { get; init; }
    /// <summary>CPU of the silo process per check, median over the steady checks.</summary>
    public required double CheckCpuSeconds { get; init; }
    /// <summary>Bytes allocated by the silo process per check, median over the steady checks.</summary>
    public required double CheckAllocatedMb { get; init; }

    /// <summary>CPU of the silo process per OCM request on a cluster (add-on listing or status read), median over the steady checks (JIT settled).</summary>
    public required double CpuMsPerListing { get; init; }

    /// <summary>Bytes allocated by the silo process per OCM request on a cluster (add-on listing or status read), median over the steady checks.</summary>
    public required double AllocatedKbPerListing { get; init; }
    public required int CheckGen0Collections { get; init; }
    public required int CheckGen2Collections { get; init; }
    public required double DetectionSeconds { get; init; }
    public required double FirstDetectionSeconds { get; init; }
    public required double RolloutIntervalSeconds { get; init; }
    public required double TotalSeconds { get; init; }
    /// <summary>The run up to the end of the serial baseline: measurements (a)–(f) of docs/performance.md, without the history rows.</summary>
    public required double CoreRunSeconds { get; init; }
    public required double LoadAverageStart { get; init; }
    public required double LoadAverageEnd { get; init; }
    public required int ProcessorCount { get; init; }
    public required double ResponseTimeoutSeconds { get; init; }
    public required double StatusP99MsDuringCheck { get; init; }
    public required int StatusReadsDuringCheck { get; init; }
    public required int HistoryEvents { get; init; }
    public required double HistoryMsAt10kEvents { get; init; }
    public required int RolloutStateBytesAt10kEvents { get; init; }
    public required int RolloutStateRecordsAt10kEvents { get; init; }
    public required double HistoryEventsSeconds { get; init; }
    public required int StatusRollouts { get; init; }
    public required double StatusCommandMsAt100Rollouts { get; init; }
    public double? MultiOrgCheckSeconds { get; init; }
    public double? MultiOrgFloorSeconds { get; init; }
    public int? PeakOcmConcurrency { get; init; }
    public int? MultiOrgOcmBudget { get; init; }
    public double? MultiOrgCpuMsPerListing { get; init; }
    public double? MultiOrgAllocatedKbPerListing { get; init; }

    public string ToJson() => JsonSerializer.Serialize(this, Json);
}
