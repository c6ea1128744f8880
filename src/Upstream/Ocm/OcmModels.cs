namespace AddonGrains.Upstream.Ocm;

/// <summary>A managed cluster as the check engine needs it. <see cref="State"/> is OCM's raw value (unknown values kept).</summary>
public sealed record OcmCluster(string Id, string Name, string State, bool Managed, string? ProductId);

/// <summary>
/// One add-on installation on a cluster. <see cref="State"/> is OCM's raw value (unknown values kept).
/// <see cref="DesiredVersion"/> is the add-on service's <c>desired_version</c> (the version of the next scheduled
/// upgrade; null when absent, and always from clusters_mgmt, which has no such field).
/// </summary>
public sealed record OcmAddonInstallation(string AddonId, string? Version, string State, string? StateDescription, string? DesiredVersion = null);

/// <summary>The add-on service's status of one add-on on one cluster: its conditions (types and values kept as OCM's text).</summary>
public sealed record OcmAddonStatus(string AddonId, string? Version, IReadOnlyList<OcmAddonCondition> Conditions);

/// <summary>One status condition: <c>status_type</c> (e.g. <c>UpgradeSucceeded</c>), <c>status_value</c> (<c>True|False|Unknown</c>), <c>reason</c>.</summary>
public sealed record OcmAddonCondition(string Type, string Value, string? Reason);

/// <summary>One entry of the add-on catalog.</summary>
public sealed record OcmAddon(string Id, string? Name, string? DefaultVersion);
