using AddonGrains.Grains.Configuration;
using AddonGrains.Grains.Storage;

namespace AddonGrains.Grains.Registry;

/// <summary>
/// Reconciles the configured subscriptions into rollout grains: new keys start (their reminder is registered),
/// keys that left the configuration stop (their reminder is unregistered). Runs at silo start only.
/// </summary>
internal sealed partial class RegistryGrain(
    [PersistentState("registry", StorageNames.Rollouts)] IPersistentState<RegistryState> state,
    AddonGrainsSettings settings,
    ILogger<RegistryGrain> logger) : Grain, IRegistryGrain
{
    private readonly StateWriter<RegistryState> _store = new(state, "registry");

    public async Task<ImmutableArray<string>> ReconcileAsync(ImmutableArray<string> rolloutKeys, CancellationToken cancellationToken = default)
    {
        // After a failed write the keys are read again: the rollouts it started or stopped are started or stopped again.
        await _store.RecoverAsync();
        var wanted = rolloutKeys.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var removed = state.State.Keys.Except(wanted, StringComparer.Ordinal).ToImmutableArray();
        foreach (var key in wanted)
        {
            await GrainFactory.GetGrain<IRolloutGrain>(key).StartAsync(cancellationToken);
        }

        foreach (var key in removed)
        {
            await GrainFactory.GetGrain<IRolloutGrain>(key).StopAsync(cancellationToken);
        }

        if (!state.State.Keys.SequenceEqual(wanted, StringComparer.Ordinal))
        {
            state.State.Keys = wanted;
            await _store.WriteAsync(OnWriteFailure.Reload);
        }

        LogReconciled(logger, wanted.Count, removed.Length);
        return removed;
    }

    public Task<ImmutableArray<string>> GetKeysAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult(state.State.Keys.ToImmutableArray());

    public Task<RolloutLookup> FindAsync(string? organization, string? addon, CancellationToken cancellationToken = default) =>
        Task.FromResult(RolloutFinder.Find(state.State.Keys, settings, organization, addon));

    [LoggerMessage(Level = LogLevel.Information, Message = "Subscriptions reconciled: {Active} active, {Removed} removed")]
    private static partial void LogReconciled(ILogger logger, int active, int removed);
}
