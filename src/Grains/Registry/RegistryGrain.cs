using AddonGrains.Grains.Storage;

namespace AddonGrains.Grains.Registry;

/// <summary>
/// Reconciles the configured subscriptions into rollout grains: new keys start (their reminder is registered),
/// keys that left the configuration stop (their reminder is unregistered). Runs at silo start and at every
/// configuration reload; records which configuration it applied so an older silo never undoes a newer one.
/// </summary>
internal sealed partial class RegistryGrain(
    [PersistentState("registry", StorageNames.Rollouts)] IPersistentState<RegistryState> state,
    SettingsSource settingsSource,
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

    public async Task<ConfigApplyResult> ApplyConfigurationAsync(ConfigVersion version, ImmutableArray<string> rolloutKeys, CancellationToken cancellationToken = default)
    {
        await _store.RecoverAsync();
        var applied = state.State.ConfigHash;
        if (ConfigOrder.Refusal(version, applied, state.State.SupersededHashes, state.State.BundleTimestamp) is { } reason)
        {
            LogRefused(logger, version.Hash, applied);
            return new ConfigApplyResult(false, applied!, state.State.Keys.Count, 0, reason);
        }

        if (applied != version.Hash)
        {
            // Recorded before reconciling: a newer configuration must never be undone by a retry of an older one.
            state.State.SupersededHashes = ConfigOrder.Supersede(state.State.SupersededHashes, applied, version.Hash);
            state.State.ConfigHash = version.Hash;
            state.State.BundleTimestamp = version.BundleTimestamp;
            await _store.WriteAsync(OnWriteFailure.Reload);
            LogConfigApplied(logger, version.Hash, applied);
        }

        var removed = await ReconcileAsync(rolloutKeys, cancellationToken);
        return new ConfigApplyResult(true, version.Hash, state.State.Keys.Count, removed.Length, null);
    }

    public async Task ReportSiloConfigAsync(string silo, string hash, CancellationToken cancellationToken = default)
    {
        await _store.RecoverAsync();
        if (state.State.SiloConfigHashes.GetValueOrDefault(silo) == hash)
        {
            return;
        }

        state.State.SiloConfigHashes[silo] = hash;
        if (state.State.SiloConfigHashes.Count > MaxSilosRemembered)
        {
            // Each restart is a new silo address (a new generation); forget the oldest generations.
            foreach (var old in state.State.SiloConfigHashes.Keys.OrderBy(Generation).Take(state.State.SiloConfigHashes.Count - MaxSilosRemembered).ToList())
            {
                state.State.SiloConfigHashes.Remove(old);
            }
        }

        await _store.WriteAsync(OnWriteFailure.Reload);
    }

    public Task<ImmutableDictionary<string, string>> GetSiloConfigHashesAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult(state.State.SiloConfigHashes.ToImmutableDictionary(StringComparer.Ordinal));

    private const int MaxSilosRemembered = 64;

    private static int Generation(string silo) =>
        int.TryParse(silo[(silo.LastIndexOf('@') + 1)..], System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var g) ? g : 0;

    public Task<string?> GetConfigHashAsync(CancellationToken cancellationToken = default) => Task.FromResult(state.State.ConfigHash);

    public Task<ImmutableArray<string>> GetKeysAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult(state.State.Keys.ToImmutableArray());

    public Task<RolloutLookup> FindAsync(string? organization, string? addon, CancellationToken cancellationToken = default) =>
        Task.FromResult(RolloutFinder.Find(state.State.Keys, settingsSource.Current, organization, addon));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Configuration {Proposed} not applied: the cluster runs the newer {Applied}")]
    private static partial void LogRefused(ILogger logger, string proposed, string? applied);

    [LoggerMessage(Level = LogLevel.Information, Message = "Configuration {Hash} applied to the cluster (was {Previous})")]
    private static partial void LogConfigApplied(ILogger logger, string hash, string? previous);

    [LoggerMessage(Level = LogLevel.Information, Message = "Subscriptions reconciled: {Active} active, {Removed} removed")]
    private static partial void LogReconciled(ILogger logger, int active, int removed);
}
