namespace AddonGrains.Grains.Triggers;

/// <summary>Where the rollout grain hands its triggers. The production one is <see cref="GrainTriggerDispatcher"/>.</summary>
public interface ITriggerDispatcher
{
    /// <summary>Accepts a trigger (idempotent per trigger id) and starts its delivery.</summary>
    Task<TriggerSnapshot> SubmitAsync(TriggerRequest request, CancellationToken cancellationToken = default);

    /// <summary>The trigger's state, or null when unknown.</summary>
    Task<TriggerSnapshot?> GetSnapshotAsync(string triggerId, CancellationToken cancellationToken = default);

    /// <summary>The rollout dropped the trigger from its history; false while it is unfinished (then it must stay).</summary>
    Task<bool> RetireAsync(string triggerId, TimeSpan retention, CancellationToken cancellationToken = default);
}
