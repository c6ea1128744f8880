using System.Collections.Immutable;

namespace AddonGrains.GrainInterfaces;

/// <summary>
/// The set of active rollout keys (a single grain, key <see cref="Key"/>). At silo start the configuration is
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

    /// <summary>The active rollout keys.</summary>
    [Alias("get-keys")]
    Task<ImmutableArray<string>> GetKeysAsync(CancellationToken cancellationToken = default);
}
