using System.Collections.Immutable;
using AddonGrains.GrainInterfaces;
using AddonGrains.Persistence;
using AddonGrains.Simulators.Jenkins;
using AddonGrains.Simulators.Ocm;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;

namespace AddonGrains.IntegrationTests.Processes;

/// <summary>
/// A rollout run on real processes: both simulators in the test process (over HTTP), silo processes on a fresh
/// PostgreSQL database, and an Orleans client in the test process that reads grain state through the membership
/// table (so it follows the cluster across silo kills). Organization <see cref="Org"/>, add-on <see cref="Addon"/>.
/// </summary>
public sealed class ProcessScenario : IAsyncDisposable
{
    public const string Org = "fleet";
    public const string OrgId = "org-fleet";
    public const string Addon = "acm";
    public const string ParameterizedJob = "e2e/api tests";
    public const string PlainJob = "smoke";
    public const string JenkinsToken = "11process0scenario0token0000000000";

    private readonly List<SiloProcess> _silos = [];
    private IHost? _client;

    private ProcessScenario(OcmSimulator ocm, JenkinsSimulator jenkins, string connectionString, string configPath)
    {
        Ocm = ocm;
        Jenkins = jenkins;
        ConnectionString = connectionString;
        ConfigPath = configPath;
    }

    public OcmSimulator Ocm { get; }

    public JenkinsSimulator Jenkins { get; }

    public string ConnectionString { get; }

    public string ConfigPath { get; }

    public IReadOnlyList<SiloProcess> Silos => _silos;

    public static async Task<ProcessScenario> StartAsync(PostgresFixture postgres, TimeSpan buildDuration, string[] clusters, CancellationToken ct)
    {
        var ocm = await OcmSimulator.StartAsync(cancellationToken: ct);
        var jenkins = await JenkinsSimulator.StartAsync(new JenkinsSimulatorOptions { QuietPeriod = TimeSpan.FromMilliseconds(200) }, ct);
        jenkins.AddUser("bot", apiToken: JenkinsToken);
        jenkins.AddJob(new JenkinsSimJob(ParameterizedJob)
        {
            Parameters = new Dictionary<string, string> { ["TRIGGER_ID"] = "", ["ADDON_VERSION"] = "" },
            BuildDuration = buildDuration,
        });
        jenkins.AddJob(new JenkinsSimJob(PlainJob) { BuildDuration = buildDuration });
        foreach (var cluster in clusters)
        {
            ocm.AddCluster(new SimulatedCluster(cluster, $"name-{cluster}", OrgId));
        }

        var config = Path.Combine(Path.GetTempPath(), $"addongrains-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(config, $$"""
            ocm:
              - { name: sim, url: "{{ocm.BaseUrl.ToString().TrimEnd('/')}}", accessTokenUrl: "{{ocm.TokenUrl}}", accessTokenClientId: {{OcmSimulatorOptions.DefaultClientId}}, accessTokenClientSecret: { env: OCM_SECRET } }
            jenkins:
              - { name: ci, serverUrl: "{{jenkins.BaseUrl.ToString().TrimEnd('/')}}", user: bot, token: { env: JENKINS_TOKEN } }
            organizations:
              - name: {{Org}}
                ocm: sim
                orgId: {{OrgId}}
                addonUpgradeTests:
                  - { addon: {{Addon}}, instance: ci, name: "{{ParameterizedJob}}" }
                  - { addon: {{Addon}}, instance: ci, name: {{PlainJob}} }
            polling: { interval: 1s, rolloutInterval: 1s }
            """, ct);
        return new ProcessScenario(ocm, jenkins, await postgres.CreateDatabaseAsync(ct), config);
    }

    /// <summary>
    /// Starts a silo process on this scenario's database and waits until it is ready. A restart passes the process it
    /// replaces: same silo and gateway ports (as a container restart would), so the new generation supersedes the dead one.
    /// </summary>
    public Task<SiloProcess> StartSiloAsync(IDictionary<string, string>? environment = null, string? name = null,
        SiloProcess? replacing = null, CancellationToken ct = default) =>
        StartSiloAsync(ConfigPath, environment, name, replacing, ct);

    /// <summary>Starts a silo like <see cref="StartSiloAsync(IDictionary{string, string}?, string?, SiloProcess?, CancellationToken)"/>, with its own configuration file.</summary>
    public async Task<SiloProcess> StartSiloAsync(string configPath, IDictionary<string, string>? environment = null, string? name = null,
        SiloProcess? replacing = null, CancellationToken ct = default)
    {
        var env = new Dictionary<string, string>
        {
            ["OCM_SECRET"] = OcmSimulatorOptions.DefaultClientSecret,
            ["JENKINS_TOKEN"] = JenkinsToken,
            ["AddonGrains__Delivery__PollInterval"] = "00:00:00.200",
            ["AddonGrains__Delivery__RetryBaseDelay"] = "00:00:00.200",
            ["AddonGrains__Delivery__RetryMaxDelay"] = "00:00:02",
        };
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            env[key] = value;
        }

        var silo = SiloProcess.Start(configPath, ConnectionString, env, name: name ?? $"silo{_silos.Count + 1}",
            siloPort: replacing?.SiloPort, gatewayPort: replacing?.GatewayPort);
        _silos.Add(silo);
        await silo.WaitUntilReadyAsync(TimeSpan.FromSeconds(90), ct);
        return silo;
    }

    /// <summary>Puts <paramref name="clusters"/> on <paramref name="version"/> (ready).</summary>
    public void SetVersion(string version, params string[] clusters)
    {
        foreach (var cluster in clusters)
        {
            Ocm.SetAddonInstallation(cluster, Addon, version);
        }
    }

    public int BuildsWithTriggerId(string triggerId) =>
        Jenkins.Builds(ParameterizedJob).Count(b => b.Parameters.GetValueOrDefault("TRIGGER_ID") == triggerId);

    /// <summary>The rollout grain, through a client that finds the silos in the membership table.</summary>
    public async Task<IRolloutGrain> RolloutAsync(CancellationToken ct) =>
        (await ClientAsync(ct)).GetGrain<IRolloutGrain>(RolloutKey.For(Org, Addon));

    /// <summary>An Orleans client that finds the silos in the membership table (started on first use).</summary>
    public async Task<IClusterClient> ClientAsync(CancellationToken ct)
    {
        if (_client is null)
        {
            var builder = Host.CreateApplicationBuilder();
            builder.UseOrleansClient(client =>
            {
                client.UseAddonGrainsPostgresClustering(ConnectionString);
                client.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = ("addongrains", "addongrains"));
            });
            _client = builder.Build();
            await _client.StartAsync(ct);
        }

        return _client.Services.GetRequiredService<IClusterClient>();
    }

    /// <summary>Reads state, retrying while the cluster is failing over.</summary>
    public async Task<T> ReadAsync<T>(Func<IRolloutGrain, Task<T>> read, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (true)
        {
            try
            {
                return await read(await RolloutAsync(ct)).WaitAsync(TimeSpan.FromSeconds(10), ct);
            }
            catch (Exception ex) when (ex is OrleansException or TimeoutException or InvalidOperationException && DateTime.UtcNow < deadline)
            {
                await Task.Delay(250, ct);
            }
        }
    }

    /// <summary>Waits until the status satisfies <paramref name="done"/>.</summary>
    public async Task<RolloutStatus> WaitForStatusAsync(Func<RolloutStatus, bool> done, string what, CancellationToken ct, TimeSpan? timeout = null)
    {
        RolloutStatus? last = null;
        await Poll.UntilAsync(async () => done(last = await ReadAsync(g => g.GetStatusAsync(ct), ct)), timeout ?? TimeSpan.FromSeconds(90), what);
        return last!;
    }

    /// <summary>Waits until every trigger of the latest event has finished.</summary>
    public async Task<ImmutableArray<TriggerSnapshot>> WaitForTriggersAsync(int count, Func<TriggerSnapshot, bool> done, string what, CancellationToken ct)
    {
        ImmutableArray<TriggerSnapshot> last = [];
        await Poll.UntilAsync(async () =>
        {
            last = await ReadAsync(g => g.GetHistoryAsync(ct), ct);
            return last.Length >= count && last.Take(count).All(done);
        }, TimeSpan.FromSeconds(120), what);
        return last;
    }

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

        await Jenkins.DisposeAsync();
        await Ocm.DisposeAsync();
        File.Delete(ConfigPath);
    }
}
