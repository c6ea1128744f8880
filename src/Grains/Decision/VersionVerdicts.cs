using AddonGrains.Grains.Rollouts;

namespace AddonGrains.Grains.Decision;

/// <summary>
/// The verdict rule, pure: over each job's latest trigger for a version (a manual retrigger is the newest one),
/// <c>failed</c> if any is Failed, Unstable, Aborted, NotBuilt, DeliveryFailed or Cancelled (final even while others
/// run), else <c>pending</c> if any is unfinished, else <c>passed</c>; <c>none</c> when nothing was triggered.
/// </summary>
internal static class VersionVerdicts
{
    /// <summary>Each job's (instance × job) newest trigger record for <paramref name="version"/>, in the order the jobs were first triggered.</summary>
    public static TriggerRecord[] LatestPerJob(IEnumerable<TriggerRecord> records, string version) =>
    [
        .. records.Where(r => string.Equals(r.Event.Version, version, StringComparison.Ordinal))
            .GroupBy(r => (r.Instance, r.Job))
            .Select(g => (First: g.Min(r => r.Event.Number), Latest: g.OrderByDescending(r => r.Event.Number).First()))
            .OrderBy(x => x.First).ThenBy(x => x.Latest.Instance, StringComparer.Ordinal).ThenBy(x => x.Latest.Job, StringComparer.Ordinal)
            .Select(x => x.Latest),
    ];

    /// <summary>The verdict over the latest triggers (one per job) and a reason naming the jobs that decide it.</summary>
    public static (Verdict Verdict, string Reason) Decide(IReadOnlyCollection<TriggerSnapshot> latest)
    {
        if (latest.Count == 0)
        {
            return (Verdict.None, "nothing was triggered for this version (recorded as a baseline, or first seen)");
        }

        var failed = latest.Where(t => IsFailure(t.Delivery.Status)).ToList();
        if (failed.Count > 0)
        {
            return (Verdict.Failed, $"failed: {Describe(failed)}");
        }

        var unfinished = latest.Where(t => !t.Delivery.Status.IsFinished()).ToList();
        return unfinished.Count > 0
            ? (Verdict.Pending, $"waiting for {Describe(unfinished)}")
            : (Verdict.Passed, $"{Count(latest.Count)} succeeded");
    }

    /// <summary>True for the statuses that fail a verdict: every finished one but Succeeded.</summary>
    public static bool IsFailure(TriggerStatus status) => status.IsFinished() && status != TriggerStatus.Succeeded;

    private static string Describe(IEnumerable<TriggerSnapshot> triggers) =>
        string.Join(", ", triggers.Select(t => $"{t.Request.Instance}/{t.Request.Job} {t.Delivery.Status}"));

    private static string Count(int jobs) => jobs == 1 ? "the one job" : $"all {jobs} jobs";
}
