namespace AddonGrains.Client;

/// <summary>
/// Every organization × add-on the cluster watches (the registry's keys) with its status, sorted by organization
/// and add-on. Resolves the ORG argument (configured name or orgId) and the add-on, or fails listing the known ones.
/// </summary>
internal sealed class RolloutDirectory
{
    private readonly IGrainFactory _grains;

    private RolloutDirectory(IGrainFactory grains, ImmutableArray<RolloutStatus> rollouts)
    {
        _grains = grains;
        Rollouts = rollouts;
    }

    public ImmutableArray<RolloutStatus> Rollouts { get; }

    public static async Task<RolloutDirectory> LoadAsync(IGrainFactory grains, CancellationToken cancellationToken)
    {
        var keys = await grains.GetGrain<IRegistryGrain>(IRegistryGrain.Key).GetKeysAsync(cancellationToken);
        var statuses = await Task.WhenAll(keys.Select(k => grains.GetGrain<IRolloutGrain>(k).GetStatusAsync(cancellationToken)));
        return new RolloutDirectory(grains, [.. statuses
            .OrderBy(s => s.Organization, StringComparer.Ordinal)
            .ThenBy(s => s.Addon, StringComparer.Ordinal)]);
    }

    /// <summary>The rows of <c>status</c>, optionally narrowed to one organization and/or add-on.</summary>
    public ImmutableArray<RolloutStatus> Filter(string? organization, string? addon)
    {
        var rows = organization is null ? Rollouts : OfOrganization(organization);
        if (addon is null)
        {
            return rows;
        }

        var matching = rows.Where(r => string.Equals(r.Addon, addon, StringComparison.Ordinal)).ToImmutableArray();
        return matching.IsEmpty ? throw UnknownAddon(organization is null ? null : rows[0].Organization, addon, rows) : matching;
    }

    /// <summary>The rollout grain of one organization × add-on, with its current status.</summary>
    public (IRolloutGrain Grain, RolloutStatus Status) Resolve(string organization, string addon)
    {
        var rows = OfOrganization(organization);
        var row = rows.FirstOrDefault(r => string.Equals(r.Addon, addon, StringComparison.Ordinal))
            ?? throw UnknownAddon(rows[0].Organization, addon, rows);
        return (_grains.GetGrain<IRolloutGrain>(RolloutKey.For(row.Organization, row.Addon)), row);
    }

    private ImmutableArray<RolloutStatus> OfOrganization(string organization)
    {
        var byName = Rollouts.Where(r => string.Equals(r.Organization, organization, StringComparison.Ordinal)).ToImmutableArray();
        if (!byName.IsEmpty)
        {
            return byName;
        }

        var byId = Rollouts.Where(r => string.Equals(r.OrgId, organization, StringComparison.Ordinal)).ToImmutableArray();
        if (!byId.IsEmpty)
        {
            return byId;
        }

        var known = Rollouts.Select(r => $"{r.Organization} (orgId {r.OrgId})").Distinct(StringComparer.Ordinal).ToList();
        throw new CliException(ExitCodes.NotFound, known.Count == 0
            ? $"unknown organization '{organization}': the cluster watches no organization yet (is the silo running with a configuration?)"
            : $"unknown organization '{organization}'. Known organizations (name or orgId): {string.Join(", ", known)}");
    }

    private static CliException UnknownAddon(string? organization, string addon, ImmutableArray<RolloutStatus> rows)
    {
        var known = rows.Select(r => r.Addon).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var scope = organization is null ? "no organization watches" : $"organization {organization} does not watch";
        return new CliException(ExitCodes.NotFound, known.Count == 0
            ? $"unknown add-on '{addon}': {scope} any add-on"
            : $"unknown add-on '{addon}': {scope} it. Known add-ons: {string.Join(", ", known)}");
    }
}
