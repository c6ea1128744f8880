using Spectre.Console;

namespace AddonGrains.Bench;

/// <summary>The history rows of the result table: reads during a check, history and state after many events.</summary>
internal static class HistoryRows
{
    public const double StatusGoalMs = 50;
    public const double HistoryGoalMs = 200;
    public const int StateGoalBytes = 64 * 1024;

    public static void Write(Table table, BenchResult r)
    {
        ResultTable.Row(table, "status p99 during a full check", $"{r.StatusP99MsDuringCheck:F1} ms ({r.StatusReadsDuringCheck} of {HistoryBench.StatusReads} reads during it)",
            $"<= {StatusGoalMs:F0} ms", r.StatusP99MsDuringCheck <= StatusGoalMs);
        ResultTable.Row(table, $"history --limit {HistoryBench.HistoryLimit} after {r.HistoryEvents} events", $"{r.HistoryMsAt10kEvents:F1} ms",
            $"<= {HistoryGoalMs:F0} ms", r.HistoryMsAt10kEvents <= HistoryGoalMs);
        ResultTable.Row(table, $"rollout state after {r.HistoryEvents} events", $"{r.RolloutStateBytesAt10kEvents} bytes ({r.RolloutStateRecordsAt10kEvents} records; events took {r.HistoryEventsSeconds:F0} s)",
            $"<= {StateGoalBytes} bytes", r.RolloutStateBytesAt10kEvents <= StateGoalBytes);
        ResultTable.Row(table, $"addongrains status, {r.StatusRollouts} rollouts (process)", $"{r.StatusCommandMsAt100Rollouts:F0} ms", "reported", null);
    }
}
