using System.Globalization;
using AddonGrains.Simulators.Jenkins;
using AddonGrains.Simulators.Ocm;

namespace AddonGrains.Simulators.World;

/// <summary>
/// Describes a simulated world — OCM and Jenkins credentials, Jenkins jobs, organizations with their clusters, add-on
/// versions and subscribed jobs, policy and polling — and starts it: both simulators on loopback, filled in, plus the
/// YAML configuration that points at them (<see cref="SimulatedWorld"/>). The demo, the benchmark and every test
/// fixture build their world here and add only what is theirs.
/// </summary>
public sealed class SimulatedWorldBuilder
{
    internal const string OcmSecretKey = "\0ocm";
    private readonly List<JenkinsSimJob> _jobs = [];
    private readonly List<SimulatedOrganization> _organizations = [];
    private readonly List<(string Name, string Token)> _jenkinsInstances = [];
    private string _jenkinsToken = "11world0token0secret0value0abcdef01";
    private TimeSpan _quietPeriod = TimeSpan.FromMilliseconds(100);
    private TimeProvider _jenkinsClock = TimeProvider.System;
    private string? _secretsDirectory;
    private string _environmentPrefix = "SIM";
    private (System.Net.IPAddress Address, int OcmPort, int JenkinsPort, string PublicHost)? _serve;

    public string OcmName { get; private set; } = "sim";

    /// <summary>The OCM environment's request budget in the YAML (<c>ocm[].maxConcurrency</c>); unset: the default.</summary>
    public int? OcmMaxConcurrency { get; private set; }

    public string JenkinsName { get; private set; } = "ci";

    /// <summary><c>ocm[].addonsApi</c> in the YAML (null: left out, the default <c>addons_mgmt</c>).</summary>
    public string? OcmAddonsApi { get; private set; }

    /// <summary><c>ocm[].addonStatus</c> in the YAML (null: left out, the default).</summary>
    public bool? OcmAddonStatus { get; private set; }

    public string OcmClientId { get; private set; } = OcmSimulatorOptions.DefaultClientId;

    public string OcmClientSecret { get; private set; } = OcmSimulatorOptions.DefaultClientSecret;

    public string JenkinsUser { get; private set; } = "bot";

    public string PollingMapping { get; private set; } = "{ interval: 1m, rolloutInterval: 1m }";

    public string? GlobalPolicy { get; private set; }

    internal IReadOnlyList<SimulatedOrganization> Organizations => _organizations;

    /// <summary>The Jenkins instances of the YAML: the world's own first, then <see cref="JenkinsInstance"/>s.</summary>
    internal IEnumerable<(string Name, string Token)> JenkinsInstances => [(JenkinsName, _jenkinsToken), .. _jenkinsInstances];

    /// <summary>The names of the OCM environment and of the Jenkins instance in the YAML (default <c>sim</c>, <c>ci</c>).</summary>
    public SimulatedWorldBuilder Names(string ocm, string jenkins)
    {
        (OcmName, JenkinsName) = (ocm, jenkins);
        return this;
    }

    /// <summary>The OCM service account the simulator accepts and the YAML uses.</summary>
    public SimulatedWorldBuilder OcmCredentials(string clientId, string clientSecret)
    {
        (OcmClientId, OcmClientSecret) = (clientId, clientSecret);
        return this;
    }

    /// <summary>The Jenkins user and API token the simulator accepts and the YAML uses.</summary>
    public SimulatedWorldBuilder JenkinsCredentials(string user, string apiToken)
    {
        (JenkinsUser, _jenkinsToken) = (user, apiToken);
        return this;
    }

    /// <summary>Another Jenkins instance of the YAML on the same simulator and user, with <paramref name="apiToken"/> (which the simulator need not accept).</summary>
    public SimulatedWorldBuilder JenkinsInstance(string name, string apiToken)
    {
        _jenkinsInstances.Add((name, apiToken));
        return this;
    }

    /// <summary>Quiet period of the Jenkins simulator's jobs (default 100 ms).</summary>
    public SimulatedWorldBuilder QuietPeriod(TimeSpan quietPeriod)
    {
        _quietPeriod = quietPeriod;
        return this;
    }

    /// <summary>Sets <c>ocm[].maxConcurrency</c>, the request budget shared by every organization on the OCM environment.</summary>
    public SimulatedWorldBuilder OcmBudget(int maxConcurrency)
    {
        OcmMaxConcurrency = maxConcurrency;
        return this;
    }

    /// <summary>Sets <c>ocm[].addonsApi</c> (<c>addons_mgmt</c> or <c>clusters_mgmt</c>) and, when given, <c>ocm[].addonStatus</c>.</summary>
    public SimulatedWorldBuilder AddonsApi(string api, bool? addonStatus = null)
    {
        (OcmAddonsApi, OcmAddonStatus) = (api, addonStatus);
        return this;
    }

    /// <summary>The Jenkins simulator's clock (a fake clock lets a test decide when builds start and end).</summary>
    public SimulatedWorldBuilder JenkinsClock(TimeProvider clock)
    {
        _jenkinsClock = clock;
        return this;
    }

    public SimulatedWorldBuilder Job(JenkinsSimJob job)
    {
        _jobs.Add(job);
        return this;
    }

    public SimulatedWorldBuilder Organization(string name, string orgId, Action<SimulatedOrganization> configure)
    {
        var organization = new SimulatedOrganization(name, orgId);
        configure(organization);
        _organizations.Add(organization);
        return this;
    }

    /// <summary><c>polling:</c> of the YAML (default 1m / 1m: tests drive checks themselves).</summary>
    public SimulatedWorldBuilder Polling(string interval, string rolloutInterval, int? ocmConcurrency = null)
    {
        var concurrency = ocmConcurrency is { } c ? string.Create(CultureInfo.InvariantCulture, $", ocmConcurrency: {c}") : "";
        PollingMapping = $"{{ interval: {interval}, rolloutInterval: {rolloutInterval}{concurrency} }}";
        return this;
    }

    /// <summary><c>policy:</c> of the YAML, a flow mapping such as <c>{ firstSeen: trigger }</c>.</summary>
    public SimulatedWorldBuilder Policy(string flowMapping)
    {
        GlobalPolicy = flowMapping;
        return this;
    }

    /// <summary>Secrets go into files under <paramref name="directory"/> (<c>{ file: … }</c>) instead of env vars.</summary>
    public SimulatedWorldBuilder SecretsInFiles(string directory)
    {
        _secretsDirectory = directory;
        return this;
    }

    /// <summary>Prefix of the secrets' env var names (default <c>SIM</c>: <c>SIM_OCM_SECRET</c>, <c>SIM_JENKINS_TOKEN_CI</c>).</summary>
    public SimulatedWorldBuilder SecretEnvironmentPrefix(string prefix)
    {
        _environmentPrefix = prefix;
        return this;
    }

    /// <summary>
    /// Serves OCM on <paramref name="ocmPort"/> and Jenkins on <paramref name="jenkinsPort"/> of <paramref name="address"/>,
    /// reached by clients as <c>http://<paramref name="publicHost"/>:port</c> (the simulators' container); default:
    /// free loopback ports.
    /// </summary>
    public SimulatedWorldBuilder Serve(System.Net.IPAddress address, int ocmPort, int jenkinsPort, string publicHost)
    {
        _serve = (address, ocmPort, jenkinsPort, publicHost);
        return this;
    }

    /// <summary>Starts both simulators, fills them in and writes the YAML.</summary>
    public async Task<SimulatedWorld> StartAsync(CancellationToken cancellationToken = default)
    {
        var address = _serve?.Address ?? System.Net.IPAddress.Loopback;
        Uri? Public(int port) => _serve is { } s ? new Uri($"http://{s.PublicHost}:{port}/") : null;
        var ocm = await OcmSimulator.StartAsync(
            new OcmSimulatorOptions
            {
                Clients = new Dictionary<string, string> { [OcmClientId] = OcmClientSecret },
                Port = _serve?.OcmPort ?? 0, ListenAddress = address, PublicUrl = Public(_serve?.OcmPort ?? 0),
            },
            cancellationToken);
        var jenkins = await JenkinsSimulator.StartAsync(
            new JenkinsSimulatorOptions
            {
                QuietPeriod = _quietPeriod, TimeProvider = _jenkinsClock,
                Port = _serve?.JenkinsPort ?? 0, ListenAddress = address, PublicUrl = Public(_serve?.JenkinsPort ?? 0),
            },
            cancellationToken);
        jenkins.AddUser(JenkinsUser, apiToken: _jenkinsToken);
        foreach (var job in _jobs)
        {
            jenkins.AddJob(job);
        }

        foreach (var (cluster, addon, version) in _organizations.SelectMany(o => o.AllClusters))
        {
            ocm.AddCluster(cluster);
            if (addon is not null && version is not null)
            {
                ocm.SetAddonInstallation(cluster.Id, addon, version);
            }
        }

        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        var references = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in JenkinsInstances.Select(i => (i.Name, i.Token)).Prepend((OcmSecretKey, OcmClientSecret)))
        {
            var suffix = key == OcmSecretKey ? "OCM_SECRET" : $"JENKINS_TOKEN_{Sanitize(key)}";
            if (_secretsDirectory is { } directory)
            {
                var path = Path.Combine(directory, suffix.ToLowerInvariant());
                await File.WriteAllTextAsync(path, value + "\n", cancellationToken);
                references[key] = $"{{ file: {WorldYaml.Q(path)} }}";
            }
            else
            {
                environment[$"{_environmentPrefix}_{suffix}"] = value;
                references[key] = $"{{ env: {_environmentPrefix}_{suffix} }}";
            }
        }

        var yaml = WorldYaml.Write(this, ocm.BaseUrl, ocm.TokenUrl, jenkins.BaseUrl, key => references[key]);
        return new SimulatedWorld(ocm, jenkins, yaml, environment);
    }

    private static string Sanitize(string name) =>
        string.Concat(name.Select(c => char.IsAsciiLetterOrDigit(c) ? char.ToUpperInvariant(c) : '_'));
}
