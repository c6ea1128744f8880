using System.Collections.Immutable;
using Orleans.Concurrency;

namespace AddonGrains.GrainInterfaces;

/// <summary>
/// The set of active rollout keys (a single grain, key <see cref="Key"/>). At silo start and at every reload the configuration is
/// reconciled into it: new subscriptions start, removed ones stop and their reminders are unregistered.
/// </summary>
[Alias("registry")]
public interface IRegistryGrain : IGrainWithStringKey
{
    /// <summary>The only key.</summary>
    public const string Key = "subscriptions";

    /// <summary>Starts every key in <paramref name="rolloutKeys"/> and stops every previously active key not in it.</summary>
    [Alias("reconcile")]
    Task<ImmutableArray<string>> ReconcileAsync(ImmutableArray<string> rolloutKeys, CancellationToken cancellationToken = default);

    /// <summary>
    /// Applies one silo's configuration unless the registry already applied a newer one: a hash it applied before
    /// and then replaced is older, unless the silo changed to it from the applied hash (an edit back). Applying
    /// reconciles <paramref name="rolloutKeys"/> like <see cref="ReconcileAsync"/> and records the hash.
    /// </summary>
    [Alias("apply-config")]
    Task<ConfigApplyResult> ApplyConfigurationAsync(ConfigVersion version, ImmutableArray<string> rolloutKeys, CancellationToken cancellationToken = default);

    /// <summary>Records the configuration hash silo <paramref name="silo"/> (its parsable address) runs, for <c>addongrains silos</c>.</summary>
    [Alias("report-silo-config")]
    Task ReportSiloConfigAsync(string silo, string hash, CancellationToken cancellationToken = default);

    /// <summary>The configuration hash each silo last reported, by parsable silo address.</summary>
    [Alias("get-silo-configs"), AlwaysInterleave]
    Task<ImmutableDictionary<string, string>> GetSiloConfigHashesAsync(CancellationToken cancellationToken = default);

    /// <summary>The content hash of the configuration the registry applied last (null before the first).</summary>
    [Alias("get-config-hash"), AlwaysInterleave]
    Task<string?> GetConfigHashAsync(CancellationToken cancellationToken = default);

    /// <summary>The active rollout keys. Answers at once, even while a reconciliation waits for a rollout.</summary>
    [Alias("get-keys"), AlwaysInterleave]
    Task<ImmutableArray<string>> GetKeysAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// The active keys of <paramref name="organization"/> (configured name or orgId) and/or <paramref name="addon"/>
    /// (null: any), or an error listing the known ones. Answers at once, like <see cref="GetKeysAsync"/>.
    /// </summary>
    [Alias("find"), AlwaysInterleave]
    Task<RolloutLookup> FindAsync(string? organization, string? addon, CancellationToken cancellationToken = default);
}
