using AddonGrains.Upstream.AppInterface;
using AddonGrains.Upstream.Vault;

namespace AddonGrains.Configuration;

/// <summary>
/// Builds the <c>ocm</c>, <c>jenkins</c> and <c>organizations</c> settings from one app-interface bundle
/// (<c>ocm_instances_v1</c>) with the checks a file gets (<see cref="NodeValidator"/>, <see cref="SubscriptionChecks"/>);
/// every error names the app-interface item (docs/configuration.md, "Configuration from app-interface").
/// Organizations without <c>addonUpgradeTests</c> are left out. The secrets are read by the caller first:
/// <see cref="Environments"/> and <see cref="JenkinsRefs"/> say which.
/// </summary>
internal sealed class AppInterfaceBinder
{
    private readonly NodeValidator _v = new();
    private readonly SubscriptionChecks _checks;

    public AppInterfaceBinder() => _checks = new(_v);

    /// <summary>One OCM environment: the first subscribed organization (item <see cref="Item"/>) that names it, and its client secret.</summary>
    public sealed record Environment(int Item, string Name, OcmInstance Organization, VaultSecretRef? Secret, string SecretPath);

    /// <summary>The organizations with subscriptions, by their index in <c>ocm_instances_v1</c>.</summary>
    public static ImmutableArray<int> Subscribed(IReadOnlyList<OcmInstance> instances) =>
        [.. Enumerable.Range(0, instances.Count).Where(k => instances[k].AddonUpgradeTests is { Count: > 0 })];

    /// <summary>
    /// The OCM environments the subscribed organizations use: an organization that overrides the token settings gets
    /// its own (<c>{environment}-{organization}</c>).
    /// </summary>
    public static ImmutableArray<Environment> Environments(IReadOnlyList<OcmInstance> instances)
    {
        var result = ImmutableArray.CreateBuilder<Environment>();
        foreach (var k in Subscribed(instances))
        {
            var org = instances[k];
            var name = EnvironmentName(org);
            if (result.Any(e => e.Name == name))
            {
                continue;
            }

            var secret = org.AccessTokenClientSecret ?? org.Environment?.AccessTokenClientSecret;
            var secretPath = org.AccessTokenClientSecret is null ? $"ocm_instances_v1[{k}].environment.accessTokenClientSecret" : $"ocm_instances_v1[{k}].accessTokenClientSecret";
            result.Add(new Environment(k, name, org, secret is null ? null : ToRef(secret), secretPath));
        }

        return result.ToImmutable();
    }

    /// <summary>The Jenkins instances the subscriptions use, each with its TOML token secret and where it is first referenced.</summary>
    public static Dictionary<string, (VaultSecretRef Ref, string Path)> JenkinsRefs(IReadOnlyList<OcmInstance> instances)
    {
        var refs = new Dictionary<string, (VaultSecretRef, string)>(StringComparer.Ordinal);
        for (var k = 0; k < instances.Count; k++)
        {
            var tests = instances[k].AddonUpgradeTests ?? [];
            for (var j = 0; j < tests.Count; j++)
            {
                if (tests[j].Instance is { Name: { } instance, Token: { } token })
                {
                    refs.TryAdd(instance, (ToRef(token), $"ocm_instances_v1[{k}].addonUpgradeTests[{j}].instance.token"));
                }
            }
        }

        return refs;
    }

    /// <summary>
    /// The three keys from <paramref name="instances"/>, with the client secrets of <see cref="Environments"/> (by
    /// position) and the Jenkins TOML secrets; every organization gets <paramref name="policy"/>, the file's. Throws
    /// <see cref="ConfigurationException"/> with every error found.
    /// </summary>
    public (ImmutableArray<OcmEnvironment> Ocm, ImmutableArray<JenkinsInstance> Jenkins, ImmutableArray<OrganizationSettings> Organizations) Bind(
        IReadOnlyList<OcmInstance> instances, IReadOnlyList<string?> clientSecrets, IReadOnlyDictionary<string, JenkinsTomlSecret> jenkins, RolloutPolicy policy)
    {
        var environments = Environments(instances);
        var ocm = NonEmpty("ocm", environments.Select((e, i) => Ocm(e, clientSecrets[i], SecretName(environments, i))));
        var jenkinsRefs = JenkinsRefs(instances).ToList();
        var instancesBound = NonEmpty("jenkins", jenkinsRefs.Select((r, i) => Jenkins(r.Key, r.Value.Path, jenkins[r.Key], i)));
        var ocmNames = ocm.Select(o => o.Name).ToHashSet(StringComparer.Ordinal);
        var jenkinsNames = instancesBound.Select(j => j.Name).ToHashSet(StringComparer.Ordinal);
        var subscribed = Subscribed(instances);
        var organizations = NonEmpty("organizations", subscribed.Select(k => Organization(instances[k], $"ocm_instances_v1[{k}]", policy, ocmNames, jenkinsNames)));
        _checks.Unique(organizations, i => $"ocm_instances_v1[{subscribed[i]}]");
        return _v.Errors.Count > 0 ? throw new ConfigurationException([.. _v.Errors]) : (ocm, instancesBound, organizations);
    }

    private static string EnvironmentName(OcmInstance org)
    {
        var overridden = org.AccessTokenClientId is not null || org.AccessTokenUrl is not null || org.AccessTokenClientSecret is not null;
        return overridden ? $"{org.Environment?.Name}-{org.Name}" : org.Environment?.Name ?? "";
    }

    // Secrets are named as the env-var secrets of a file would be, e.g. in "<secret from env vault-0>".
    private static string SecretName(ImmutableArray<Environment> environments, int index) =>
        $"vault-{environments.Take(index).Count(e => e.Secret is not null)}";

    private ImmutableArray<T> NonEmpty<T>(string key, IEnumerable<T?> items)
        where T : class
    {
        var list = items.ToList();
        if (list.Count == 0)
        {
            _v.Error($"{key}: expected a list with at least one entry");
        }

        return [.. list.OfType<T>()];
    }

    private OcmEnvironment? Ocm(Environment environment, string? secretValue, string secretName)
    {
        var path = $"ocm_instances_v1[{environment.Item}].environment";
        var org = environment.Organization;
        var name = _v.Name(_v.RequiredString(environment.Name, $"{path}.name"), $"{path}.name");
        var url = _v.Url(_v.RequiredString(org.Environment?.Url, $"{path}.url"), $"{path}.url");
        var tokenUrl = _v.Url(_v.RequiredString(org.AccessTokenUrl ?? org.Environment?.AccessTokenUrl, $"{path}.accessTokenUrl"), $"{path}.accessTokenUrl");
        var clientId = _v.RequiredString(org.AccessTokenClientId ?? org.Environment?.AccessTokenClientId, $"{path}.accessTokenClientId");
        var secret = environment.Secret is null
            ? Missing($"{path}.accessTokenClientSecret: required (as {{ env: VAR }} or {{ file: /path }})")
            : Value(secretValue, secretName, $"{path}.accessTokenClientSecret.env");
        return name is null || url is null || tokenUrl is null || clientId is null || secret is null
            ? null
            : new OcmEnvironment(name, url, tokenUrl, clientId, secret);
    }

    private JenkinsInstance? Jenkins(string instance, string tokenPath, JenkinsTomlSecret toml, int index)
    {
        var path = $"{tokenPath} ([jenkins] table)";
        var name = _v.Name(instance, $"{path}.name");
        var url = _v.Url(toml.Url.ToString(), $"{path}.serverUrl");
        var user = _v.RequiredString(toml.User, $"{path}.user");
        var token = Value(toml.Password, $"vault-jenkins-{index}", $"{path}.token.env");
        return name is null || url is null || user is null || token is null ? null : new JenkinsInstance(name, url, user, token, null);
    }

    private OrganizationSettings? Organization(OcmInstance org, string path, RolloutPolicy policy, HashSet<string> ocmNames, HashSet<string> jenkinsNames)
    {
        var name = _v.Name(_v.RequiredString(org.Name, $"{path}.name"), $"{path}.name");
        var ocm = _checks.Ocm(_v.RequiredString(EnvironmentName(org), $"{path}.ocm"), $"{path}.ocm", ocmNames);
        var orgId = _checks.OrgId(_v.RequiredString(org.OrgId, $"{path}.orgId"), $"{path}.orgId");
        var refs = org.AddonUpgradeTests!;
        var tests = ImmutableArray.CreateBuilder<AddonUpgradeTest>();
        for (var j = 0; j < refs.Count; j++)
        {
            var at = $"{path}.addonUpgradeTests[{j}]";
            var addon = _checks.Addon(_v.RequiredString(refs[j].Addon?.Name, $"{at}.addon.name"), $"{at}.addon.name");
            var instance = _checks.Instance(_v.RequiredString(refs[j].Instance?.Name, $"{at}.instance.name"), $"{at}.instance.name", jenkinsNames);
            var job = _checks.Job(_v.RequiredString(refs[j].Name, $"{at}.name"), $"{at}.name");
            if (addon is not null && instance is not null && job is not null)
            {
                tests.Add(new AddonUpgradeTest(addon, instance, job, []));
            }
        }

        _checks.Distinct(tests.ToImmutable(), path);
        return name is null || ocm is null || orgId is null ? null : new OrganizationSettings(name, ocm, orgId, tests.ToImmutable(), policy, []);
    }

    private Secret? Value(string? value, string name, string path)
    {
        if (string.IsNullOrEmpty(value))
        {
            return Missing($"{path}: environment variable '{name}' is not set or empty");
        }

        return new Secret(value, $"env {name}");
    }

    private Secret? Missing(string error)
    {
        _v.Error(error);
        return null;
    }

    private static VaultSecretRef ToRef(VaultSecret secret) => new(secret.Path, secret.Field, secret.Version, secret.Format);
}
