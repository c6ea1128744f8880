using Spectre.Console;

namespace AddonGrains.Bench;

/// <summary>Renders a <see cref="BenchResult"/> as a measure / value / target table.</summary>
internal static class ResultTable
{
    public static void Write(IAnsiConsole console, BenchResult r)
    {
        var table = new Table().Title($"AddonGrains bench: {r.Organizations} org x {r.Clusters} clusters x {r.Subscriptions} subscriptions, "
            + $"{r.LatencyMs} ms latency, concurrency {r.Concurrency}, {r.Storage} storage")
            .AddColumns("measure", "value", "target", "met");
        Row(table, "(a) one full check (steady median)", $"{r.CheckSeconds:F2} s", $"<= 1.2 x floor = {1.2 * r.FloorSeconds:F2} s", r.CheckToFloor <= 1.2);
        Row(table, "    cold first check / first warm check", $"{r.ColdCheckSeconds:F2} s / {r.FirstWarmCheckSeconds:F2} s ({r.FirstWarmCheckToFloor:F2} x floor)", "", null);
        Row(table, "    OCM requests (pages + listings + status reads)", $"{r.OcmRequests} ({r.ClusterPages * r.Organizations} + {r.AddonListings} + {r.StatusReads})",
            $"pages + 2N = {(r.ClusterPages + (2 * r.Clusters)) * r.Organizations}", r.OcmRequests == (r.ClusterPages + (2 * r.Clusters)) * r.Organizations);
        Row(table, "    clusters_mgmt check (steady median)", $"{r.ClustersMgmtCheckSeconds:F2} s", $"<= 1.2 x floor = {1.2 * r.ClustersMgmtFloorSeconds:F2} s",
            r.ClustersMgmtCheckSeconds <= 1.2 * r.ClustersMgmtFloorSeconds);
        Row(table, "    add-on service without status (steady median)", $"{r.NoStatusCheckSeconds:F2} s", $"<= 1.2 x floor = {1.2 * r.NoStatusFloorSeconds:F2} s",
            r.NoStatusCheckSeconds <= 1.2 * r.NoStatusFloorSeconds);
        Row(table, "    token requests", $"{r.TokenRequests}", "separate", null);
        Row(table, "    per check: CPU / alloc / gen0 / gen2", $"{r.CheckCpuSeconds:F2} s / {r.CheckAllocatedMb:F0} MB / {r.CheckGen0Collections} / {r.CheckGen2Collections}", "", null);
        Row(table, "    CPU per listing or status read (steady median)", $"{r.CpuMsPerListing:F3} ms", "<= 0.2 ms", r.CpuMsPerListing <= 0.2);
        Row(table, "    allocated per listing or status read (steady median)", $"{r.AllocatedKbPerListing:F1} KB", "<= 10 KB", r.AllocatedKbPerListing <= 10);
        Row(table, "(b) serial baseline", $"{r.BaselineSeconds:F2} s{(r.BaselineExtrapolated ? $" (extrapolated from {r.BaselineMeasuredListings} listings)" : "")}",
            $"check >= 30x faster (is {r.Speedup:F1}x)", r.Speedup >= 30);
        Row(table, "    baseline OCM requests", $"{r.BaselineOcmRequests}", "S x N + pages", null);
        Row(table, "(c) floor", $"{r.FloorSeconds:F2} s", $"check / floor = {r.CheckToFloor:F2}", null);
        Row(table, "(d) writes over the steady (unchanged) checks", $"{r.SteadyStateDbWrites}", "0", r.SteadyStateDbWrites == 0);
        Row(table, "(e) detection (last cluster ready -> POST)", $"{r.DetectionSeconds:F2} s",
            $"<= rolloutInterval + check = {r.RolloutIntervalSeconds + r.CheckSeconds:F2} s",
            r.DetectionSeconds <= r.RolloutIntervalSeconds + r.CheckSeconds);
        Row(table, "    first rollout (cold trigger path)", $"{r.FirstDetectionSeconds:F2} s", "", null);
        Row(table, "(f) process RSS (GC heap)", $"{r.RssMb:F0} MB ({r.GcHeapMb:F0} MB)", "<= 512 MB at N = 10,000", r.Clusters * r.Organizations >= 10_000 ? r.RssMb <= 512 : null);
        HistoryRows.Write(table, r);
        Row(table, "total run (core measurements)", $"{r.TotalSeconds:F1} s ({r.CoreRunSeconds:F1} s)", "< 120 s for the core (defaults)", r.CoreRunSeconds < 120);
        Row(table, "machine load average (start / end)", $"{r.LoadAverageStart:F1} / {r.LoadAverageEnd:F1} on {r.ProcessorCount} cores", "timings assume a quiet machine", null);
        console.Write(table);
    }

    internal static void Row(Table table, string measure, string value, string target, bool? met) =>
        table.AddRow(Markup.Escape(measure), Markup.Escape(value), Markup.Escape(target), met switch { true => "[green]yes[/]", false => "[red]NO[/]", null => "" });
}
