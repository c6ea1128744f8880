namespace AddonGrains.Grains.Triggers;

/// <summary>Hands each trigger to its own <see cref="ITriggerGrain"/> (key: the TRIGGER_ID).</summary>
internal sealed class GrainTriggerDispatcher(IGrainFactory grains) : ITriggerDispatcher
{
    public Task<TriggerSnapshot> SubmitAsync(TriggerRequest request, CancellationToken cancellationToken = default) =>
        grains.GetGrain<ITriggerGrain>(request.TriggerId).SubmitAsync(request, cancellationToken);

    public Task<TriggerSnapshot?> GetSnapshotAsync(string triggerId, CancellationToken cancellationToken = default) =>
        grains.GetGrain<ITriggerGrain>(triggerId).GetSnapshotAsync(cancellationToken);

    public Task<bool> RetireAsync(string triggerId, TimeSpan retention, CancellationToken cancellationToken = default) =>
        grains.GetGrain<ITriggerGrain>(triggerId).RetireAsync(retention, cancellationToken);
}
