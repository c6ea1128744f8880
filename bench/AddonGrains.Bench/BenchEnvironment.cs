using System.Net;
using AddonGrains.Grains.Hosting;
using AddonGrains.Persistence;
using AddonGrains.Simulators.Jenkins;
using AddonGrains.Simulators.World;
using AddonGrains.Testing;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using Orleans.Storage;

namespace AddonGrains.Bench;

/// <summary>
/// Both simulators on loopback (the OCM one in its own process, <see cref="OcmSidecar"/>) and one in-process silo (localhost clustering on free ports, in-memory reminders,
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

    private BenchEnvironment(BenchOptions options, SimulatedWorld world, OcmSidecar ocm, AddonGrainsSettings settings, IHost host, StorageCounter writes, HttpTimings http)
    {
        Ocm = ocm;
        Http = http;
        Options = options;
        World = world;
        Settings = settings;
        Host = host;
        Writes = writes;
    }

    public BenchOptions Options { get; }

    public SimulatedWorld World { get; }

    /// <summary>The OCM the silo talks to (the in-process world's own OCM simulator stays unused).</summary>
    public OcmSidecar Ocm { get; }

    public JenkinsSimulator Jenkins => World.Jenkins;

    public AddonGrainsSettings Settings { get; }

    public IHost Host { get; }

    public StorageCounter Writes { get; }

    public HttpTimings Http { get; }

    public IGrainFactory Grains => Host.Services.GetRequiredService<IGrainFactory>();

    public static string OrganizationName(int org) => $"bench-{org + 1}";

    public static string OrgId(int org) => $"bench-org-{org + 1}";

    public static string ClusterId(int org, int cluster) => $"2b{org:D3}c{cluster:D6}0000000000000000000000";

    public static string Job(int subscription) => $"bench/addon-e2e-{subscription + 1}";

    public static async Task<BenchEnvironment> StartAsync(BenchOptions options)
    {
        var world = await DescribeWorld(options).StartAsync();
        var ocm = await OcmSidecar.StartAsync(options);
        var settings = new SettingsLoader(world.Secret).Load(PointAt(world, ocm), "bench configuration");
        if (options.Postgres is { } connectionString)
        {
            await new SchemaMigrator().ApplyAsync(connectionString, CancellationToken.None);
        }

        var writes = new StorageCounter();
        var http = new HttpTimings();
        var host = BuildHost(options, settings, writes, http);
        await host.StartAsync();
        return new BenchEnvironment(options, world, ocm, settings, host, writes, http);
    }

    public async ValueTask DisposeAsync()
    {
        await Host.StopAsync();
        Host.Dispose();
        await Ocm.DisposeAsync();
        await World.DisposeAsync();
    }

    /// <summary>The world's configuration with its OCM URLs (API and token) moved to the sidecar's, which serves the same world.</summary>
    internal static string PointAt(SimulatedWorld world, OcmSidecar ocm)
    {
        var local = world.Ocm.BaseUrl.GetLeftPart(UriPartial.Authority);
        var sidecar = ocm.BaseUrl.GetLeftPart(UriPartial.Authority);
        return world.Yaml.Replace(local + "\"", sidecar + "\"", StringComparison.Ordinal).Replace(local + "/", sidecar + "/", StringComparison.Ordinal);
    }

    private static IHost BuildHost(BenchOptions options, AddonGrainsSettings settings, StorageCounter writes, HttpTimings http)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });

        // As the silo's appsettings.json: HTTP client, Polly and Orleans chatter off; everything else to stderr.
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace).SetMinimumLevel(LogLevel.Warning);
        if (options.Profile)
        {
            // Timing every request is the profile's diagnosis, not part of the product: it would add its own
            // allocations to the per-listing figures of a normal run.
            builder.Services.ConfigureHttpClientDefaults(c => c.AddHttpMessageHandler(http.CreateHandler));
        }
        builder.Services.AddUpstreamClients();
        builder.UseOrleans(silo =>
        {
            if (options.Postgres is { } connectionString)
            {
                silo.Configure<ClusterOptions>(o => (o.ServiceId, o.ClusterId) = ("addongrains-bench", $"bench-{Guid.NewGuid():N}"));
                silo.ConfigureEndpoints(IPAddress.Loopback, FreePort.Next(), FreePort.Next(), listenOnAnyHostAddress: false);
                silo.UseAddonGrainsPostgres(connectionString, InnerStorage);
            }
            else
            {
                silo.UseLocalhostClustering(FreePort.Next(), FreePort.Next(), serviceId: "addongrains-bench", clusterId: "bench");
                silo.AddMemoryGrainStorage(InnerStorage);
                silo.UseInMemoryReminderService();
            }

            // Orleans' default 30 s call timeout also bounds the rollout → organization call, i.e. a whole fleet
            // observation. A cold first check of a very large fleet on a busy machine can exceed it, so the bench
            // allows four floors (never less than the default); the value is reported with the results.
            silo.Configure<SiloMessagingOptions>(o => o.ResponseTimeout = ResponseTimeout(options));
            silo.Services.AddSingleton(writes);
            silo.Services.AddKeyedSingleton<IGrainStorage>(StorageNames.Rollouts, (sp, _) =>
                new CountingGrainStorage(sp.GetRequiredKeyedService<IGrainStorage>(InnerStorage), sp.GetRequiredService<StorageCounter>()));
            silo.AddAddonGrains(settings, reconcileAtStart: false);
        });
        return builder.Build();
    }

    public static TimeSpan ResponseTimeout(BenchOptions options)
    {
        var floor = TimeSpan.FromMilliseconds((double)options.Clusters * options.LatencyMs / options.Concurrency);
        return floor * 4 > TimeSpan.FromSeconds(30) ? floor * 4 : TimeSpan.FromSeconds(30);
    }

    /// <summary>Organizations × clusters on <see cref="OldVersion"/>, every organization subscribing every job.</summary>
    internal static SimulatedWorldBuilder DescribeWorld(BenchOptions options)
    {
        var world = SimulatedWorld.Build()
            .Names(OcmName, "ci")
            .OcmBudget(options.MaxOcmConcurrency)
            .JenkinsCredentials("bench", "11bench000token0secret0value0abcdef")
            .SecretEnvironmentPrefix("BENCH")
            .QuietPeriod(TimeSpan.FromSeconds(1))
            .Polling("1h", $"{(int)options.RolloutInterval.TotalSeconds}s", options.Concurrency);
        var declared = new Dictionary<string, string>
        {
            ["ADDON_VERSION"] = "", ["PREVIOUS_ADDON_VERSION"] = "", ["UPGRADE_DIRECTION"] = "", ["TRIGGER_ID"] = "",
        };
        for (var s = 0; s < options.Subscriptions; s++)
        {
            world.Job(new JenkinsSimJob(Job(s)) { Parameters = declared });
        }

        for (var org = 0; org < options.Organizations; org++)
        {
            var index = org;
            world.Organization(OrganizationName(org), OrgId(org), o =>
            {
                for (var c = 0; c < options.Clusters; c++)
                {
                    o.Cluster(ClusterId(index, c), $"bench-{index + 1}-{c:D6}", Addon, OldVersion);
                }

                for (var s = 0; s < options.Subscriptions; s++)
                {
                    o.Test(Addon, Job(s));
                }
            });
        }

        if (options.Silos == 0)
        {
            // The several-silo run (--silos) checks its organizations only.
            HistoryBench.AddOrganizations(world, options, Job(0));
        }

        return world;
    }
}
