using System.Collections.Concurrent;
using AddonGrains.Upstream.Ocm;

namespace AddonGrains.Tests.Support;

/// <summary>
/// An in-memory OCM for grain tests (the real client is tested against the HTTP simulator elsewhere): clusters per
/// organization, installations per cluster, failures on demand, and request counts. Thread-safe; shared by all silos.
/// </summary>
public sealed class FakeOcm : IOcmClientFactory, IOcmClient
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, OcmCluster>> _clusters = new();
    private readonly ConcurrentDictionary<string, ImmutableArray<OcmAddonInstallation>> _installations = new();
    private readonly ConcurrentDictionary<string, int> _requests = new();
    private readonly ConcurrentDictionary<string, OcmAddonCondition[]> _conditions = new();
    private volatile string? _failWith;

    public IOcmClient Create(string ocmName) => this;

    public void SetCluster(string orgId, string clusterId, string state = "ready") =>
        _clusters.GetOrAdd(orgId, _ => new())[clusterId] = new OcmCluster(clusterId, $"name-{clusterId}", state, true, "rosa");

    public void RemoveCluster(string orgId, string clusterId) => _clusters.GetOrAdd(orgId, _ => new()).TryRemove(clusterId, out _);

    /// <summary>Installs <paramref name="addon"/>; <paramref name="desired"/> is the add-on service's desired version (null: none reported).</summary>
    public void SetAddon(string clusterId, string addon, string version, string state = "ready", string? desired = null) =>
        _installations.AddOrUpdate(clusterId,
            _ => [new OcmAddonInstallation(addon, version, state, null, desired)],
            (_, list) => [.. list.Where(i => i.AddonId != addon), new OcmAddonInstallation(addon, version, state, null, desired)]);

    /// <summary>Every call fails with <paramref name="reason"/> until cleared with null.</summary>
    public void FailWith(string? reason) => _failWith = reason;

    public int Requests(string route) => _requests.GetValueOrDefault(route);

    public Task<IReadOnlyList<OcmCluster>> ListClustersAsync(
        string organizationId, IReadOnlyCollection<string> products, CancellationToken cancellationToken = default)
    {
        Count("clusters");
        return Task.FromResult<IReadOnlyList<OcmCluster>>(
            [.. _clusters.GetOrAdd(organizationId, _ => new()).Values
                .Where(c => products.Count == 0 || (c.ProductId is not null && products.Contains(c.ProductId)))
                .OrderBy(c => c.Id, StringComparer.Ordinal)]);
    }

    public Task<IReadOnlyList<OcmAddonInstallation>> ListAddonInstallationsAsync(string clusterId, CancellationToken cancellationToken = default)
    {
        Count("addons");
        return Task.FromResult<IReadOnlyList<OcmAddonInstallation>>(_installations.GetValueOrDefault(clusterId, []));
    }

    /// <summary>The add-on service's listing: the same installations (counted as "addons" too: one listing per cluster either way).</summary>
    public Task<IReadOnlyList<OcmAddonInstallation>> ListAddonServiceInstallationsAsync(string clusterId, CancellationToken cancellationToken = default) =>
        ListAddonInstallationsAsync(clusterId, cancellationToken);

    /// <summary>A healthy status (Degraded=False, UpgradeSucceeded=True), or what <see cref="SetConditions"/> set; counted as "status".</summary>
    public Task<OcmAddonStatus> GetAddonStatusAsync(string clusterId, string addonId, CancellationToken cancellationToken = default)
    {
        Count("status");
        return Task.FromResult(new OcmAddonStatus(addonId, null,
            _conditions.GetValueOrDefault($"{clusterId}/{addonId}", [new("Degraded", "False", null), new("UpgradeSucceeded", "True", null)])));
    }

    /// <summary>The conditions the status of <paramref name="addon"/> on <paramref name="clusterId"/> reports from now on.</summary>
    public void SetConditions(string clusterId, string addon, params OcmAddonCondition[] conditions) => _conditions[$"{clusterId}/{addon}"] = conditions;

    public Task<IReadOnlyList<OcmAddon>> ListAddonsAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<OcmAddon>>([]);

    private void Count(string route)
    {
        _requests.AddOrUpdate(route, 1, (_, n) => n + 1);
        if (_failWith is { } reason)
        {
            throw new OcmException(reason, 503);
        }
    }
}
