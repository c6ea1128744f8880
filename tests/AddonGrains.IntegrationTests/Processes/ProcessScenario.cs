using System.Collections.Immutable;
using AddonGrains.GrainInterfaces;
using AddonGrains.Persistence;
using AddonGrains.Security;
using AddonGrains.Simulators.Jenkins;
using AddonGrains.Simulators.Ocm;
using AddonGrains.Simulators.World;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;

namespace AddonGrains.IntegrationTests.Processes;

/// <summary>
/// A rollout run on real processes: both simulators in the test process (over HTTP), silo processes on a fresh
/// PostgreSQL database, and an Orleans client in the test process that reads grain state through the membership
/// table (so it follows the cluster across silo kills). Organization <see cref="Org"/>, add-on <see cref="Addon"/>.
/// </summary>
public sealed partial class ProcessScenario : IAsyncDisposable
{
    public const string Org = "fleet";
    public const string OrgId = "org-fleet";
    public const string Addon = "acm";
    public const string ParameterizedJob = "e2e/api tests";
    public const string PlainJob = "smoke";
    public const string JenkinsToken = "11process0scenario0token0000000000";

    private readonly List<SiloProcess> _silos = [];
    private readonly ProcessWorld _world;
    private IHost? _client;

    private ProcessScenario(ProcessWorld world, string connectionString)
    {
        _world = world;
        ConnectionString = connectionString;
    }

    public OcmSimulator Ocm => _world.World.Ocm;

    public JenkinsSimulator Jenkins => _world.World.Jenkins;

    public string ConnectionString { get; }

    /// <summary>The environment variable that holds the OCM client secret for a YAML a test writes itself.</summary>
    public string OcmSecretVariable => _world.World.Environment.Keys.Single(k => k.EndsWith("_OCM_SECRET", StringComparison.Ordinal));

    /// <summary>The OCM client secret itself (app-interface tests put it into Vault).</summary>
    public string OcmSecret => _world.World.Environment[OcmSecretVariable];

    /// <summary>The silos' YAML; a test may change it before it starts a silo.</summary>
    public string ConfigPath => _world.ConfigPath;

    public IReadOnlyList<SiloProcess> Silos => _silos;

    /// <summary>The test's own client certificate (<c>Orleans__Tls__*</c> paths) when the silos run mutual TLS.</summary>
    public TlsPaths? ClientTls { get; set; }

    public static Task<ProcessScenario> StartAsync(PostgresFixture postgres, TimeSpan buildDuration, string[] clusters, CancellationToken ct) =>
        StartAsync(postgres, buildDuration, clusters, TimeProvider.System, ct);

    /// <summary>A scenario whose Jenkins runs on <paramref name="jenkinsClock"/> (a fake clock lets a test decide when builds start and end).</summary>
    public static async Task<ProcessScenario> StartAsync(PostgresFixture postgres, TimeSpan buildDuration, string[] clusters, TimeProvider jenkinsClock, CancellationToken ct)
    {
        var world = await ProcessWorld.StartAsync(SimulatedWorld.Build()
            .JenkinsCredentials("bot", JenkinsToken)
            .QuietPeriod(TimeSpan.FromMilliseconds(200))
            .JenkinsClock(jenkinsClock)
            .Job(new JenkinsSimJob(ParameterizedJob)
            {
                Parameters = new Dictionary<string, string> { ["TRIGGER_ID"] = "", ["ADDON_VERSION"] = "" },
                BuildDuration = buildDuration,
            })
            .Job(new JenkinsSimJob(PlainJob) { BuildDuration = buildDuration })
            .Organization(Org, OrgId, org =>
            {
                org.Test(Addon, ParameterizedJob).Test(Addon, PlainJob);
                foreach (var cluster in clusters)
                {
                    org.Cluster(cluster);
                }
            })
            .Polling("1s", "1s"), ct: ct);
        return new ProcessScenario(world, await postgres.CreateDatabaseAsync(ct));
    }

    /// <summary>
    /// Starts a silo process on this scenario's database and waits until it is ready. A restart passes the process it
    /// replaces: same address, silo and gateway ports (as a container restart would), so the new generation supersedes
    /// the dead one.
    /// </summary>
    public Task<SiloProcess> StartSiloAsync(IDictionary<string, string>? environment = null, string? name = null,
        SiloProcess? replacing = null, CancellationToken ct = default) =>
        StartSiloAsync(ConfigPath, environment, name, replacing, ct);

    /// <summary>Starts a silo like <see cref="StartSiloAsync(IDictionary{string, string}?, string?, SiloProcess?, CancellationToken)"/>, with its own configuration file.</summary>
    public Task<SiloProcess> StartSiloAsync(string configPath, IDictionary<string, string>? environment = null, string? name = null,
        SiloProcess? replacing = null, CancellationToken ct = default) =>
        StartAsync(configPath, environment, name, replacing?.Host ?? "127.0.0.1", (replacing?.SiloPort, replacing?.GatewayPort, replacing is { Host: not "127.0.0.1" } ? replacing.HttpPort : null), null, ct);

    /// <summary>A silo with its own address <paramref name="host"/> (a host of its own) and the given ports.</summary>
    public Task<SiloProcess> StartSiloOnHostAsync(string host, (int Silo, int Gateway, int Http) ports, IDictionary<string, string>? environment,
        string name, string[]? launcher = null, CancellationToken ct = default) =>
        StartAsync(ConfigPath, environment, name, host, (ports.Silo, ports.Gateway, ports.Http), launcher, ct);

    private async Task<SiloProcess> StartAsync(string configPath, IDictionary<string, string>? environment, string? name, string host,
        (int? Silo, int? Gateway, int? Http) ports, string[]? launcher, CancellationToken ct)
    {
        var silo = _world.StartSilo(ConnectionString, name ?? $"silo{_silos.Count + 1}", environment,
            siloPort: ports.Silo, gatewayPort: ports.Gateway, httpPort: ports.Http, host: host, launcher: launcher, configPath: configPath);
        _silos.Add(silo);
        await silo.WaitUntilReadyAsync(TimeSpan.FromSeconds(90), ct);
        return silo;
    }

    /// <summary>Starts a silo process without waiting for it (one expected never to become ready).</summary>
    public SiloProcess LaunchSilo(IDictionary<string, string>? environment = null, string? name = null)
    {
        var silo = _world.StartSilo(ConnectionString, name ?? $"silo{_silos.Count + 1}", environment);
        _silos.Add(silo);
        return silo;
    }

    /// <summary>Puts <paramref name="clusters"/> on <paramref name="version"/> (ready).</summary>
    public void SetVersion(string version, params string[] clusters) => _world.World.SetVersion(Addon, version, clusters);

    public int BuildsWithTriggerId(string triggerId) =>
        Jenkins.Builds(ParameterizedJob).Count(b => b.Parameters.GetValueOrDefault("TRIGGER_ID") == triggerId);

    /// <summary>The rollout grain, through a client that finds the silos in the membership table.</summary>
    public async Task<IRolloutGrain> RolloutAsync(CancellationToken ct)
    {
        var client = await ClientAsync(ct);
        try
        {
            return client.GetGrain<IRolloutGrain>(RolloutKey.For(Org, Addon));
        }
        catch (ArgumentException ex)
        {
            // While every silo the client knew is gone (a lone silo replaced), its cluster manifest lists no grain
            // implementation at all and GetGrain says so; the next silo it finds brings the manifest back.
            throw new InvalidOperationException($"the test's client knows no silo implementing the rollout grain yet: {ex.Message}", ex);
        }
    }

    /// <summary>An Orleans client that finds the silos in the membership table (started on first use).</summary>
    public async Task<IClusterClient> ClientAsync(CancellationToken ct)
    {
        if (_client is null)
        {
            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true }); // no console logging in the test output
            builder.UseOrleansClient(client =>
            {
                client.UseAddonGrainsPostgresClustering(ConnectionString);
                client.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = ("addongrains", "addongrains"));
                // The client's list of grain implementations comes from a gateway and is refreshed at this interval (a
                // minute by default): after a lone silo was replaced it is empty until the next refresh.
                client.Configure<TypeManagementOptions>(o => o.TypeMapRefreshInterval = TimeSpan.FromSeconds(1));
                if (ClientTls is { } tls)
                {
                    client.UseTls(TlsMaterialSource.Load(tls, server: false, TimeProvider.System).Configure);
                }
            });
            _client = builder.Build();
            await _client.StartAsync(ct);
        }

        return _client.Services.GetRequiredService<IClusterClient>();
    }

    /// <summary>Reads state, retrying while the cluster is failing over.</summary>
    public async Task<T> ReadAsync<T>(Func<IRolloutGrain, Task<T>> read, CancellationToken ct) =>
        await Wait.UntilAsync(
            async () => await read(await RolloutAsync(ct)).WaitAsync(TimeSpan.FromSeconds(10), ct), _ => true,
            TimeSpan.FromSeconds(90), "a read of the rollout grain while the cluster fails over",
            retryOn: ex => ex is OrleansException or TimeoutException or InvalidOperationException,
            interval: TimeSpan.FromMilliseconds(250), cancellationToken: ct);

    /// <summary>Waits until the status satisfies <paramref name="done"/>.</summary>
    public Task<RolloutStatus> WaitForStatusAsync(Func<RolloutStatus, bool> done, string what, CancellationToken ct, TimeSpan? timeout = null) =>
        ExplainedAsync(() => Wait.UntilAsync(() => ReadAsync(g => g.GetStatusAsync(ct), ct), done, timeout ?? TimeSpan.FromSeconds(90), what, cancellationToken: ct), ct);

    /// <summary>Waits until every trigger of the latest event has finished.</summary>
    public Task<ImmutableArray<TriggerSnapshot>> WaitForTriggersAsync(int count, Func<TriggerSnapshot, bool> done, string what, CancellationToken ct) =>
        ExplainedAsync(() => Wait.UntilAsync(() => ReadAsync(g => g.GetHistoryAsync(ct), ct), h => h.Length >= count && h.Take(count).All(done),
            TimeSpan.FromSeconds(120), what, describe: h => string.Join("; ", h.Select(t => $"{t.Request.Job} {t.Delivery.Status} {t.Delivery.LastError}")), cancellationToken: ct), ct);

    public async ValueTask DisposeAsync()
    {
        if (_client is not null)
        {
            try
            {
                await _client.StopAsync(TimeSpan.FromSeconds(5));
            }
            catch (OperationCanceledException)
            {
            }

            _client.Dispose();
        }

        foreach (var silo in _silos)
        {
            await silo.DisposeAsync();
        }

        await _world.DisposeAsync();
    }
}
