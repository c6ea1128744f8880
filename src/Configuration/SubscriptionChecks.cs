namespace AddonGrains.Configuration;

/// <summary>
/// The checks of an organization and its subscriptions that the file and app-interface share. Each takes the value
/// and the full path to name in its message (a file key path or an app-interface path); a failed check returns null.
/// </summary>
internal sealed class SubscriptionChecks(NodeValidator v)
{
    public string? Ocm(string? ocm, string path, IReadOnlySet<string> ocmNames)
    {
        if (ocm is not null && !ocmNames.Contains(ocm))
        {
            v.Error($"{path}: unknown OCM environment '{ocm}'{NodeValidator.Known(ocmNames)}");
        }

        return ocm;
    }

    public string? OrgId(string? orgId, string path)
    {
        if (orgId is not null && !NodeValidator.OrgIdPattern().IsMatch(orgId))
        {
            v.Error($"{path}: '{orgId}' is not a valid OCM organization id (letters, digits, '_' and '-' only)");
            return null;
        }

        return orgId;
    }

    public string? Addon(string? addon, string path)
    {
        if (addon is not null && !NodeValidator.AddonIdPattern().IsMatch(addon))
        {
            v.Error($"{path}: '{addon}' is not a valid OCM add-on id (letters, digits, '.', '_' and '-'; starting with a letter or digit)");
            return null;
        }

        return addon;
    }

    public string? Instance(string? instance, string path, IReadOnlySet<string> jenkinsNames)
    {
        if (instance is not null && !jenkinsNames.Contains(instance))
        {
            v.Error($"{path}: unknown Jenkins instance '{instance}'{NodeValidator.Known(jenkinsNames)}");
        }

        return instance;
    }

    public string? Job(string? job, string path)
    {
        if (job is not null && job.Split('/').Any(s => s.Trim().Length == 0))
        {
            v.Error($"{path}: '{job}' is not a Jenkins job path (use 'job' or 'folder/sub/job', no empty segments)");
            return null;
        }

        return job;
    }

    /// <summary>The same (add-on, instance, job) twice in one organization (<paramref name="path"/>) is an error.</summary>
    public void Distinct(ImmutableArray<AddonUpgradeTest> tests, string path)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < tests.Length; i++)
        {
            var key = $"{tests[i].Addon}|{tests[i].Instance}|{tests[i].Name}";
            if (!seen.TryAdd(key, i))
            {
                v.Error($"{path}.addonUpgradeTests[{i}]: add-on '{tests[i].Addon}', instance '{tests[i].Instance}' and job '{tests[i].Name}' are already listed at addonUpgradeTests[{seen[key]}]");
            }
        }
    }

    /// <summary>Organization names and (ocm, orgId) pairs are unique; <paramref name="at"/> names the item of an index.</summary>
    public void Unique(ImmutableArray<OrganizationSettings> organizations, Func<int, string> at)
    {
        v.Unique(organizations.Select(o => o.Name), "organizations", at, "name", "organization name");
        v.Unique(organizations.Select(o => $"{o.Ocm}/{o.OrgId}"), "organizations", at, "orgId", "organization (ocm, orgId)");
    }
}
