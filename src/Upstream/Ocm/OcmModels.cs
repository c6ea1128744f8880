namespace AddonGrains.Upstream.Ocm;

/// <summary>A managed cluster as the check engine needs it. <see cref="State"/> is OCM's raw value (unknown values kept).</summary>
public sealed record OcmCluster(string Id, string Name, string State, bool Managed, string? ProductId);

/// <summary>One add-on installation on a cluster. <see cref="State"/> is OCM's raw value (unknown values kept).</summary>
public sealed record OcmAddonInstallation(string AddonId, string? Version, string State, string? StateDescription);

/// <summary>One entry of the add-on catalog.</summary>
public sealed record OcmAddon(string Id, string? Name, string? DefaultVersion);
