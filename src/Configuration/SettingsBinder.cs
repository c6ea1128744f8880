using YamlDotNet.RepresentationModel;

namespace AddonGrains.Configuration;

/// <summary>
/// Binds the YAML root to <see cref="AddonGrainsSettings"/>: the upstream connections (<c>ocm</c>, <c>jenkins</c>)
/// and the subscriptions (<c>organizations</c>), with every cross-reference checked. Errors go to the validator.
/// </summary>
internal sealed class SettingsBinder(NodeValidator v, SecretBinder secrets)
{
    private readonly PolicyBinder _policies = new(v);
    private readonly OcmTrafficBinder _traffic = new(v);
    private readonly NotificationBinder _notifications = new(v, secrets);
    private readonly SubscriptionChecks _checks = new(v);

    public AddonGrainsSettings? Bind(YamlNode root)
    {
        if (v.Mapping(root, "(root)") is not { } map)
        {
            return null;
        }

        // The keys are read in the order they are listed (ConfigMapping): the upstreams first, from the file or app-interface.
        var upstreams = ((string[])["ocm", "jenkins", "organizations"]).Where(key => map.Get(key) is not null).ToList();
        var defaults = map.Get("policy") is { } policyNode ? _policies.Policy(policyNode, "policy", RolloutPolicy.Default) : RolloutPolicy.Default;
        var polling = map.Get("polling") is { } pollingNode ? _policies.Polling(pollingNode, "polling") : PollingSettings.Default;
        var history = map.Get("history") is { } historyNode ? _policies.History(historyNode, "history") : HistorySettings.Default;
        var reload = map.Get("reload") is { } reloadNode ? _policies.Reload(reloadNode, "reload") : ReloadSettings.Default;
        if (map.Get("appInterface") is { } appInterfaceNode)
        {
            // ocm, jenkins and organizations come from app-interface (AppInterfaceLoader); the file holds the rest.
            foreach (var key in upstreams)
            {
                v.Error($"{key}: not allowed with 'appInterface', which provides it");
            }

            var notifiers = _notifications.Bind(map, organizationNames: null);
            return AppInterface(appInterfaceNode) is { } appInterface
                ? new AddonGrainsSettings([], [], [], defaults, polling) { Reload = reload, History = history, AppInterface = appInterface, Notifications = notifiers }
                : null;
        }

        var ocm = v.List(map, "ocm", required: true, Ocm);
        var jenkins = v.List(map, "jenkins", required: true, Jenkins);
        v.Unique(ocm.Select(o => o.Name), "ocm", "name", "OCM environment");
        v.Unique(jenkins.Select(j => j.Name), "jenkins", "name", "Jenkins instance");

        var ocmNames = ocm.Select(o => o.Name).ToHashSet(StringComparer.Ordinal);
        var jenkinsNames = jenkins.Select(j => j.Name).ToHashSet(StringComparer.Ordinal);
        var organizations = v.List(map, "organizations", required: true,
            (node, path) => Organization(node, path, defaults, ocmNames, jenkinsNames));
        _checks.Unique(organizations, i => $"organizations[{i}]");

        var notifications = _notifications.Bind(map, organizations.Select(o => o.Name).ToHashSet(StringComparer.Ordinal));
        return new AddonGrainsSettings(ocm, jenkins, organizations, defaults, polling) { Reload = reload, History = history, Notifications = notifications };
    }

    private AppInterfaceSettings? AppInterface(YamlNode node)
    {
        if (v.Mapping(node, "appInterface") is not { } map)
        {
            return null;
        }

        var graphqlUrl = v.Url(map, "appInterface", "graphqlUrl");
        var token = secrets.Required(map, "appInterface", "token");
        if (map.Get("vault") is not { } vaultNode)
        {
            v.Error("appInterface.vault: required ({ server, roleId, secretId })");
            return null;
        }

        if (v.Mapping(vaultNode, "appInterface.vault") is not { } vault)
        {
            return null;
        }

        var server = v.Url(vault, "appInterface.vault", "server");
        var roleId = secrets.Required(vault, "appInterface.vault", "roleId");
        var secretId = secrets.Required(vault, "appInterface.vault", "secretId");
        return graphqlUrl is null || token is null || server is null || roleId is null || secretId is null
            ? null
            : new AppInterfaceSettings(graphqlUrl, token, server, roleId, secretId);
    }

    private OcmEnvironment? Ocm(YamlNode node, string path)
    {
        if (v.Mapping(node, path) is not { } map)
        {
            return null;
        }

        var name = v.Name(map, path, "name");
        var url = v.Url(map, path, "url");
        var tokenUrl = v.Url(map, path, "accessTokenUrl");
        var clientId = v.RequiredString(map, path, "accessTokenClientId");
        var secret = secrets.Required(map, path, "accessTokenClientSecret");
        var (maxConcurrency, maxRequestsPerSecond) = _traffic.Budget(map, path);
        var (addonsApi, addonStatus) = _traffic.Addons(map, path);
        return name is null || url is null || tokenUrl is null || clientId is null || secret is null
            ? null
            : new OcmEnvironment(name, url, tokenUrl, clientId, secret, maxConcurrency, maxRequestsPerSecond, addonsApi, addonStatus);
    }

    private JenkinsInstance? Jenkins(YamlNode node, string path)
    {
        if (v.Mapping(node, path) is not { } map)
        {
            return null;
        }

        var name = v.Name(map, path, "name");
        var url = v.Url(map, path, "serverUrl");
        var user = v.RequiredString(map, path, "user");
        var token = map.Get("token") is { } t ? secrets.Bind(t, $"{path}.token") : null;
        var password = map.Get("password") is { } p ? secrets.Bind(p, $"{path}.password") : null;
        var hasToken = map.Get("token") is not null;
        var hasPassword = map.Get("password") is not null;
        if (hasToken == hasPassword)
        {
            v.Error($"{path}: set exactly one of 'token' (API token, recommended) and 'password'");
        }

        return name is null || url is null || user is null || (token is null && password is null)
            ? null
            : new JenkinsInstance(name, url, user, token, password);
    }

    private OrganizationSettings? Organization(
        YamlNode node, string path, RolloutPolicy defaults, HashSet<string> ocmNames, HashSet<string> jenkinsNames)
    {
        if (v.Mapping(node, path) is not { } map)
        {
            return null;
        }

        var name = v.Name(map, path, "name");
        var ocm = _checks.Ocm(v.RequiredString(map, path, "ocm"), $"{path}.ocm", ocmNames);
        var orgId = _checks.OrgId(v.RequiredString(map, path, "orgId"), $"{path}.orgId");
        var tests = v.List(map, "addonUpgradeTests", required: true, (n, p) => Test(n, p, jenkinsNames), $"{path}.");
        _checks.Distinct(tests, path);
        var policy = map.Get("policy") is { } policyNode ? _policies.Policy(policyNode, $"{path}.policy", defaults) : defaults;
        var products = _traffic.Products(map, path);
        return name is null || ocm is null || orgId is null ? null : new OrganizationSettings(name, ocm, orgId, tests, policy, products);
    }

    private AddonUpgradeTest? Test(YamlNode node, string path, HashSet<string> jenkinsNames)
    {
        if (v.Mapping(node, path) is not { } map)
        {
            return null;
        }

        var addon = _checks.Addon(v.RequiredString(map, path, "addon"), $"{path}.addon");
        var instance = _checks.Instance(v.RequiredString(map, path, "instance"), $"{path}.instance", jenkinsNames);
        var job = _checks.Job(v.RequiredString(map, path, "name"), $"{path}.name");
        var parameters = map.Get("parameters") is { } paramNode ? Parameters(paramNode, $"{path}.parameters") : [];
        return addon is null || instance is null || job is null ? null : new AddonUpgradeTest(addon, instance, job, parameters);
    }

    private ImmutableArray<JobParameter> Parameters(YamlNode node, string path)
    {
        if (node is not YamlMappingNode map)
        {
            v.Error($"{path}: expected a mapping of parameter names to values, e.g. {{ ENV: integration }}");
            return [];
        }

        var result = ImmutableArray.CreateBuilder<JobParameter>();
        foreach (var (keyNode, valueNode) in map.Children)
        {
            var key = ((YamlScalarNode)keyNode).Value ?? "";
            if (!NodeValidator.ParameterNamePattern().IsMatch(key))
            {
                v.Error($"{path}.{key}: '{key}' is not a valid Jenkins parameter name");
            }
            else if (JobParameter.ReservedNames.Contains(key))
            {
                v.Error($"{path}.{key}: '{key}' is set by AddonGrains itself and cannot be a static parameter");
            }
            else if (valueNode is not YamlScalarNode { Value: { } value })
            {
                v.Error($"{path}.{key}: expected a single value");
            }
            else
            {
                result.Add(new JobParameter(key, value));
            }
        }

        return result.ToImmutable();
    }
}
