namespace AddonGrains.Configuration;

/// <summary>The validated configuration file (docs/configuration.md). Immutable; shared by every grain of a silo.</summary>
public sealed record AddonGrainsSettings(
    ImmutableArray<OcmEnvironment> Ocm,
    ImmutableArray<JenkinsInstance> Jenkins,
    ImmutableArray<OrganizationSettings> Organizations,
    RolloutPolicy Policy,
    PollingSettings Polling)
{
    /// <summary>How much history each rollout keeps (<c>history</c> in docs/configuration.md).</summary>
    public HistorySettings History { get; init; } = HistorySettings.Default;

    /// <summary>How often the source is checked for a change (<c>reload</c> in docs/configuration.md).</summary>
    public ReloadSettings Reload { get; init; } = ReloadSettings.Default;

    /// <summary>Where events are announced (<c>notifications</c>); empty when none are configured.</summary>
    public ImmutableArray<NotifierSettings> Notifications { get; init; } = [];

    /// <summary>Where <c>ocm</c>, <c>jenkins</c> and <c>organizations</c> come from when not from the file (<c>appInterface</c> in docs/configuration.md).</summary>
    public AppInterfaceSettings? AppInterface { get; init; }

    /// <summary>The commit time (Unix seconds) of the app-interface bundle this was built from; null for a plain file.</summary>
    public long? BundleTimestamp { get; init; }

    /// <summary>The content hash of the source this was loaded from (<see cref="ConfigHash"/>), shown as <c>configHash</c>.</summary>
    public string Hash { get; init; } = "";

    /// <summary>Finds an organization by configured name or orgId.</summary>
    public OrganizationSettings? FindOrganization(string nameOrOrgId) =>
        Organizations.FirstOrDefault(o => string.Equals(o.Name, nameOrOrgId, StringComparison.Ordinal))
        ?? Organizations.FirstOrDefault(o => string.Equals(o.OrgId, nameOrOrgId, StringComparison.Ordinal));

    /// <summary>The OCM environment of an organization.</summary>
    public OcmEnvironment OcmFor(OrganizationSettings organization) =>
        Ocm.First(o => string.Equals(o.Name, organization.Ocm, StringComparison.Ordinal));

    /// <summary>Every rollout key (organization × add-on) the configuration subscribes to.</summary>
    public ImmutableArray<string> RolloutKeys =>
        [.. Organizations.SelectMany(o => o.Addons.Select(a => RolloutKey.For(o.Name, a)))];
}
