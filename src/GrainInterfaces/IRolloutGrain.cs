using System.Collections.Immutable;
using Orleans.Concurrency;

namespace AddonGrains.GrainInterfaces;

/// <summary>
/// One organization × add-on (key: <see cref="RolloutKey"/>). Holds the last known version, decides convergence at
/// each check and creates one trigger per subscribed job when the fleet has converged on a new version. The reads
/// (<c>Get…</c>) interleave with a check in progress: they read memory only, never across an await of the check.
/// </summary>
[Alias("rollout")]
public interface IRolloutGrain : IGrainWithStringKey
{
    /// <summary>Registers the check reminder (idempotent). Called by the subscription registry at silo start.</summary>
    [Alias("start")]
    Task StartAsync(CancellationToken cancellationToken = default);

    /// <summary>Unregisters the check reminder: the subscription was removed from the configuration.</summary>
    [Alias("stop")]
    Task StopAsync(CancellationToken cancellationToken = default);

    /// <summary>Runs a check now, with fresh OCM data, and returns the resulting status.</summary>
    [Alias("check")]
    Task<RolloutStatus> CheckAsync(CancellationToken cancellationToken = default);

    /// <summary>The status as of the last check. Answers at once, even while a check is running.</summary>
    [Alias("get-status"), AlwaysInterleave]
    Task<RolloutStatus> GetStatusAsync(CancellationToken cancellationToken = default);

    /// <summary>What the last check observed per cluster. Answers at once, even while a check is running.</summary>
    [Alias("get-clusters"), AlwaysInterleave]
    Task<ImmutableArray<ClusterStatus>> GetClustersAsync(CancellationToken cancellationToken = default);

    /// <summary>Every trigger the rollout keeps (the last <c>history.keep</c> events and any unfinished one), newest first.</summary>
    [Alias("get-history"), AlwaysInterleave]
    Task<ImmutableArray<TriggerSnapshot>> GetHistoryAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// At most <paramref name="limit"/> triggers, newest first, older than the trigger <paramref name="before"/> when
    /// given (the next page). The trigger grains are asked side by side.
    /// </summary>
    [Alias("get-history-page"), AlwaysInterleave]
    Task<TriggerHistoryPage> GetHistoryPageAsync(int limit, string? before, CancellationToken cancellationToken = default);

    /// <summary>Creates a new manual trigger for the last known version on one subscribed job, recording who and why.</summary>
    [Alias("retrigger")]
    Task<ManualActionResult> RetriggerAsync(string job, string? instance, OperatorRequest request, CancellationToken cancellationToken = default);

    /// <summary>Sets the last known version without triggering anything, recording who and why.</summary>
    [Alias("set-baseline")]
    Task<ManualActionResult> SetBaselineAsync(string version, OperatorRequest request, CancellationToken cancellationToken = default);

    /// <summary>
    /// The verdict over the subscribed jobs' latest triggers for <paramref name="version"/> (null: the last known
    /// version). <see cref="Verdict.Unknown"/> when the rollout does not know that version.
    /// </summary>
    [Alias("get-verdict"), AlwaysInterleave]
    Task<VersionVerdict> GetVerdictAsync(string? version, CancellationToken cancellationToken = default);

    /// <summary>
    /// Pauses: checks go on, new triggers are held. <paramref name="until"/> is a time (ISO 8601) or a duration
    /// (<c>30m</c>, <c>2h</c>, <c>1d</c>, <c>hh:mm:ss</c>) from now; null pauses until <see cref="ResumeAsync"/>.
    /// Recorded with who and why; pausing again replaces the reason and the end.
    /// </summary>
    [Alias("pause")]
    Task<ManualActionResult> PauseAsync(string? until, OperatorRequest request, CancellationToken cancellationToken = default);

    /// <summary>Ends a pause and hands the held triggers over, once. Recorded with who and why.</summary>
    [Alias("resume")]
    Task<ManualActionResult> ResumeAsync(OperatorRequest request, CancellationToken cancellationToken = default);

    /// <summary>The audit trail of operator actions (<c>retrigger</c>, <c>baseline</c>, <c>pause</c>, <c>resume</c>), newest first.</summary>
    [Alias("get-manual-actions")]
    Task<ImmutableArray<ManualActionEntry>> GetManualActionsAsync(CancellationToken cancellationToken = default);
}
