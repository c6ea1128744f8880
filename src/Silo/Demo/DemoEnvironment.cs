using AddonGrains.Simulators.Jenkins;
using AddonGrains.Simulators.Ocm;

namespace AddonGrains.Silo.Demo;

/// <summary>
/// <c>--demo</c>: the OCM and Jenkins simulators on loopback, a configuration pointing at them, and a scripted
/// rollout (<see cref="DemoScript"/>). Nothing to set up; secrets are demo values held in memory.
/// </summary>
internal sealed class DemoEnvironment : IAsyncDisposable
{
    public const string Organization = "demo-org";
    public const string OrgId = "demo-org-1";
    public const string Addon = "acm";
    public const string Job = "acm/addon-e2e";
    public static readonly string[] Clusters = ["hub-east-1", "hub-east-2", "hub-west-1", "hub-west-2", "hub-eu-1"];

    /// <summary>OCM-style opaque cluster ids, one per name in <see cref="Clusters"/>.</summary>
    public static readonly string[] ClusterIds = [.. Clusters.Select((_, i) => $"2a7c0demo{i:D4}00000000000000000000")];

    private const string JenkinsToken = "11demo0000000000000000000000000000";

    private DemoEnvironment(OcmSimulator ocm, JenkinsSimulator jenkins, AddonGrainsSettings settings)
    {
        Ocm = ocm;
        Jenkins = jenkins;
        Settings = settings;
    }

    public OcmSimulator Ocm { get; }

    public JenkinsSimulator Jenkins { get; }

    public AddonGrainsSettings Settings { get; }

    public static async Task<DemoEnvironment> StartAsync()
    {
        var ocm = await OcmSimulator.StartAsync();
        var jenkins = await JenkinsSimulator.StartAsync(new JenkinsSimulatorOptions { QuietPeriod = TimeSpan.FromSeconds(1) });
        jenkins.AddUser("demo-bot", apiToken: JenkinsToken);
        jenkins.AddJob(new JenkinsSimJob(Job)
        {
            Parameters = new Dictionary<string, string> { ["ADDON_VERSION"] = "", ["PREVIOUS_ADDON_VERSION"] = "", ["TRIGGER_ID"] = "", ["ENV"] = "demo" },
            BuildDuration = TimeSpan.FromSeconds(4),
        });
        foreach (var (cluster, id) in Clusters.Zip(ClusterIds))
        {
            ocm.AddCluster(new SimulatedCluster(id, cluster, OrgId, ProductId: "rosa"));
        }

        var yaml = $$"""
            ocm:
              - { name: demo-ocm, url: "{{ocm.BaseUrl.ToString().TrimEnd('/')}}", accessTokenUrl: "{{ocm.TokenUrl}}", accessTokenClientId: {{OcmSimulatorOptions.DefaultClientId}}, accessTokenClientSecret: { env: DEMO_OCM_SECRET } }
            jenkins:
              - { name: demo-jenkins, serverUrl: "{{jenkins.BaseUrl.ToString().TrimEnd('/')}}", user: demo-bot, token: { env: DEMO_JENKINS_TOKEN } }
            organizations:
              - name: {{Organization}}
                ocm: demo-ocm
                orgId: {{OrgId}}
                addonUpgradeTests:
                  - { addon: {{Addon}}, instance: demo-jenkins, name: {{Job}}, parameters: { ENV: demo } }
            polling: { interval: 5s, rolloutInterval: 2s, ocmConcurrency: 4 }
            """;
        var settings = new SettingsLoader(name => name switch
        {
            "DEMO_OCM_SECRET" => OcmSimulatorOptions.DefaultClientSecret,
            "DEMO_JENKINS_TOKEN" => JenkinsToken,
            _ => null,
        }).Load(yaml, "demo configuration");
        return new DemoEnvironment(ocm, jenkins, settings);
    }

    public void AddScript(IServiceCollection services)
    {
        services.AddSingleton(this);
        services.AddHostedService<DemoScript>();
    }

    public async ValueTask DisposeAsync()
    {
        await Jenkins.DisposeAsync();
        await Ocm.DisposeAsync();
    }
}
