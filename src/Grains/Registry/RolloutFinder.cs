
namespace AddonGrains.Grains.Registry;

/// <summary>
/// Resolves the CLI's ORG (configured name or orgId) and ADDON against the active rollout keys, or explains what is
/// known. Pure: the registry grain passes its keys and the configuration.
/// </summary>
internal static class RolloutFinder
{
    public static RolloutLookup Find(IReadOnlyList<string> keys, AddonGrainsSettings settings, string? organization, string? addon)
    {
        var rows = keys.Select(RolloutKey.Parse).OrderBy(r => r.Organization, StringComparer.Ordinal)
            .ThenBy(r => r.Addon, StringComparer.Ordinal).ToList();
        if (organization is not null)
        {
            var name = rows.Any(r => r.Organization == organization) ? organization : settings.FindOrganization(organization)?.Name;
            var ofOrganization = rows.Where(r => r.Organization == name).ToList();
            if (ofOrganization.Count == 0)
            {
                return new RolloutLookup([], UnknownOrganization(rows, settings, organization));
            }

            rows = ofOrganization;
        }

        if (addon is null)
        {
            return new RolloutLookup([.. rows.Select(r => RolloutKey.For(r.Organization, r.Addon))]);
        }

        var matching = rows.Where(r => r.Addon == addon).ToList();
        return matching.Count == 0
            ? new RolloutLookup([], UnknownAddon(organization is null ? null : rows[0].Organization, addon, rows))
            : new RolloutLookup([.. matching.Select(r => RolloutKey.For(r.Organization, r.Addon))]);
    }

    private static string UnknownOrganization(List<(string Organization, string Addon)> rows, AddonGrainsSettings settings, string organization)
    {
        var known = rows.Select(r => r.Organization).Distinct(StringComparer.Ordinal)
            .Select(n => $"{n} (orgId {settings.FindOrganization(n)?.OrgId ?? "?"})").ToList();
        return known.Count == 0
            ? $"unknown organization '{organization}': the cluster watches no organization yet (is the silo running with a configuration?)"
            : $"unknown organization '{organization}'. Known organizations (name or orgId): {string.Join(", ", known)}";
    }

    private static string UnknownAddon(string? organization, string addon, List<(string Organization, string Addon)> rows)
    {
        var known = rows.Select(r => r.Addon).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var scope = organization is null ? "no organization watches" : $"organization {organization} does not watch";
        return known.Count == 0
            ? $"unknown add-on '{addon}': {scope} any add-on"
            : $"unknown add-on '{addon}': {scope} it. Known add-ons: {string.Join(", ", known)}";
    }
}
