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

    /// <summary>The trigger's current state, or null when no trigger with this id was submitted.</summary>
    [Alias("get-snapshot")]
    Task<TriggerSnapshot?> GetSnapshotAsync(CancellationToken cancellationToken = default);
}
