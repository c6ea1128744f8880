using System.Net;
using System.Net.Sockets;
using System.Text;
using AddonGrains.Grains.Hosting;
using AddonGrains.Persistence;
using AddonGrains.Simulators.Jenkins;
using AddonGrains.Simulators.Ocm;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using Orleans.Storage;

namespace AddonGrains.Bench;

/// <summary>
/// Both simulators on loopback and one in-process silo (localhost clustering on free ports, in-memory reminders,
/// memory or PostgreSQL grain storage wrapped by <see cref="CountingGrainStorage"/>) with the production OCM and
/// Jenkins clients and production retry/timeout defaults.
/// </summary>
internal sealed class BenchEnvironment : IAsyncDisposable
{
    public const string Addon = "acm";
    public const string OcmName = "sim";
    public const string OldVersion = "4.10.0";
    public const string NewVersion = "4.11.0";
    public const string NextVersion = "4.12.0";
    private const string InnerStorage = "bench-inner";
    private const string JenkinsUser = "bench";
    private const string JenkinsToken = "11bench000token0secret0value0abcdef";

    private BenchEnvironment(BenchOptions options, OcmSimulator ocm, JenkinsSimulator jenkins, AddonGrainsSettings settings, IHost host, WriteCounter writes, HttpTimings http)
    {
        Http = http;
        Options = options;
        Ocm = ocm;
        Jenkins = jenkins;
        Settings = settings;
        Host = host;
        Writes = writes;
    }

    public BenchOptions Options { get; }

    public OcmSimulator Ocm { get; }

    public JenkinsSimulator Jenkins { get; }

    public AddonGrainsSettings Settings { get; }

    public IHost Host { get; }

    public WriteCounter Writes { get; }

    public HttpTimings Http { get; }

    public IGrainFactory Grains => Host.Services.GetRequiredService<IGrainFactory>();

    public static string OrganizationName(int org) => $"bench-{org + 1}";

    public static string OrgId(int org) => $"bench-org-{org + 1}";

    public static string ClusterId(int org, int cluster) => $"2b{org:D3}c{cluster:D6}0000000000000000000000";

    public static string Job(int subscription) => $"bench/addon-e2e-{subscription + 1}";

    public static async Task<BenchEnvironment> StartAsync(BenchOptions options)
    {
        var ocm = await OcmSimulator.StartAsync();
        var jenkins = await JenkinsSimulator.StartAsync(new JenkinsSimulatorOptions { QuietPeriod = TimeSpan.FromSeconds(1) });
        jenkins.AddUser(JenkinsUser, apiToken: JenkinsToken);
        var declared = new Dictionary<string, string>
        {
            ["ADDON_VERSION"] = "", ["PREVIOUS_ADDON_VERSION"] = "", ["UPGRADE_DIRECTION"] = "", ["TRIGGER_ID"] = "",
        };
        for (var s = 0; s < options.Subscriptions; s++)
        {
            jenkins.AddJob(new JenkinsSimJob(Job(s)) { Parameters = declared });
        }

        for (var org = 0; org < options.Organizations; org++)
        {
            for (var c = 0; c < options.Clusters; c++)
            {
                ocm.AddCluster(new SimulatedCluster(ClusterId(org, c), $"bench-{org + 1}-{c:D6}", OrgId(org)));
                ocm.SetAddonInstallation(ClusterId(org, c), Addon, OldVersion);
            }
        }

        var settings = new SettingsLoader(name => name switch
        {
            "BENCH_OCM_SECRET" => OcmSimulatorOptions.DefaultClientSecret,
            "BENCH_JENKINS_TOKEN" => JenkinsToken,
            _ => null,
        }).Load(Yaml(options, ocm, jenkins), "bench configuration");

        if (options.Postgres is { } connectionString)
        {
            await new SchemaMigrator().ApplyAsync(connectionString, CancellationToken.None);
        }

        var writes = new WriteCounter();
        var http = new HttpTimings();
        var host = BuildHost(options, settings, writes, http);
        await host.StartAsync();
        return new BenchEnvironment(options, ocm, jenkins, settings, host, writes, http);
    }

    public async ValueTask DisposeAsync()
    {
        await Host.StopAsync();
        Host.Dispose();
        await Jenkins.DisposeAsync();
        await Ocm.DisposeAsync();
    }

    private static IHost BuildHost(BenchOptions options, AddonGrainsSettings settings, WriteCounter writes, HttpTimings http)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });

        // As the silo's appsettings.json: HTTP client, Polly and Orleans chatter off; everything else to stderr.
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace).SetMinimumLevel(LogLevel.Warning);
        builder.Services.ConfigureHttpClientDefaults(c => c.AddHttpMessageHandler(http.CreateHandler));
        builder.Services.AddUpstreamClients(settings);
        builder.UseOrleans(silo =>
        {
            if (options.Postgres is { } connectionString)
            {
                silo.Configure<ClusterOptions>(o => (o.ServiceId, o.ClusterId) = ("addongrains-bench", $"bench-{Guid.NewGuid():N}"));
                silo.ConfigureEndpoints(IPAddress.Loopback, FreePort(), FreePort(), listenOnAnyHostAddress: false);
                silo.UseAddonGrainsPostgres(connectionString, InnerStorage);
            }
            else
            {
                silo.UseLocalhostClustering(FreePort(), FreePort(), serviceId: "addongrains-bench", clusterId: "bench");
                silo.AddMemoryGrainStorage(InnerStorage);
                silo.UseInMemoryReminderService();
            }

            // Orleans' default 30 s call timeout also bounds the rollout → organization call, i.e. a whole fleet
            // observation. A cold first check of a very large fleet on a busy machine can exceed it, so the bench
            // allows four floors (never less than the default); the value is reported with the results.
            silo.Configure<SiloMessagingOptions>(o => o.ResponseTimeout = ResponseTimeout(options));
            silo.Services.AddSingleton(writes);
            silo.Services.AddKeyedSingleton<IGrainStorage>(StorageNames.Rollouts, (sp, _) =>
                new CountingGrainStorage(sp.GetRequiredKeyedService<IGrainStorage>(InnerStorage), sp.GetRequiredService<WriteCounter>()));
            silo.AddAddonGrains(settings, reconcileAtStart: false);
        });
        return builder.Build();
    }

    public static TimeSpan ResponseTimeout(BenchOptions options)
    {
        var floor = TimeSpan.FromMilliseconds((double)options.Clusters * options.LatencyMs / options.Concurrency);
        return floor * 4 > TimeSpan.FromSeconds(30) ? floor * 4 : TimeSpan.FromSeconds(30);
    }

    private static string Yaml(BenchOptions options, OcmSimulator ocm, JenkinsSimulator jenkins)
    {
        var yaml = new StringBuilder();
        yaml.AppendLine($$"""
            ocm:
              - { name: {{OcmName}}, url: "{{ocm.BaseUrl.ToString().TrimEnd('/')}}", accessTokenUrl: "{{ocm.TokenUrl}}", accessTokenClientId: {{OcmSimulatorOptions.DefaultClientId}}, accessTokenClientSecret: { env: BENCH_OCM_SECRET }, maxConcurrency: {{options.MaxOcmConcurrency}} }
            jenkins:
              - { name: ci, serverUrl: "{{jenkins.BaseUrl.ToString().TrimEnd('/')}}", user: {{JenkinsUser}}, token: { env: BENCH_JENKINS_TOKEN } }
            polling: { interval: 1h, rolloutInterval: {{(int)options.RolloutInterval.TotalSeconds}}s, ocmConcurrency: {{options.Concurrency}} }
            organizations:
            """);
        for (var org = 0; org < options.Organizations; org++)
        {
            yaml.AppendLine($"  - name: {OrganizationName(org)}");
            yaml.AppendLine($"    ocm: {OcmName}");
            yaml.AppendLine($"    orgId: {OrgId(org)}");
            yaml.AppendLine("    addonUpgradeTests:");
            for (var s = 0; s < options.Subscriptions; s++)
            {
                yaml.AppendLine($"      - {{ addon: {Addon}, instance: ci, name: {Job(s)} }}");
            }
        }

        return yaml.ToString();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
