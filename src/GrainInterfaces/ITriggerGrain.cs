using Orleans.Concurrency;

namespace AddonGrains.GrainInterfaces;

/// <summary>
/// One trigger (key: its TRIGGER_ID): fires one Jenkins job once for one convergence event and follows the build
/// to its result. Its state is written before every external call.
/// </summary>
[Alias("trigger")]
public interface ITriggerGrain : IGrainWithStringKey
{
    /// <summary>Accepts the trigger and starts delivery. Idempotent: a second call with the same id changes nothing.</summary>
    [Alias("submit")]
    Task<TriggerSnapshot> SubmitAsync(TriggerRequest request, CancellationToken cancellationToken = default);

    /// <summary>The trigger's current state, or null when no trigger with this id was submitted (or its state was cleared).</summary>
    [Alias("get-snapshot"), AlwaysInterleave]
    Task<TriggerSnapshot?> GetSnapshotAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Its rollout no longer keeps this trigger in its history: once finished, the grain clears its state
    /// <paramref name="retention"/> after it finished. False (and nothing changes) while the trigger is unfinished.
    /// </summary>
    [Alias("retire")]
    Task<bool> RetireAsync(TimeSpan retention, CancellationToken cancellationToken = default);
}
