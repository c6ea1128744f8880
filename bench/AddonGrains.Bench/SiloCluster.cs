using AddonGrains.Persistence;
using AddonGrains.Simulators.World;
using AddonGrains.Testing;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;

namespace AddonGrains.Bench;

/// <summary>
/// The several-silo run's cluster: a PostgreSQL server of its own (<see cref="PostgresServer"/>, schema applied by
/// <see cref="SchemaMigrator"/>), N production silo processes on one YAML configuration (the simulated world's,
/// pointed at the OCM sidecar), and an Orleans client that finds them through the membership table.
/// </summary>
internal sealed class SiloCluster : IAsyncDisposable
{
    private const string ClusterId = "bench-silos";
    private const string ServiceId = "addongrains-bench";

    /// <summary>
    /// How long the client waits for one grain call. A check of one organization waits for its share of a budget the
    /// whole fleet shares (200 organizations × about 1000 requests each over 16 slots: minutes), and the first check
    /// may queue behind the one the rollout's reminder started: far beyond Orleans' 30 s default.
    /// </summary>
    public static readonly TimeSpan ClientResponseTimeout = TimeSpan.FromMinutes(30);

    private readonly PostgresServer _postgres;
    private readonly string _configDirectory;
    private readonly IHost _client;

    private SiloCluster(PostgresServer postgres, string configDirectory, IReadOnlyList<SiloHostProcess> silos, IHost client)
    {
        _postgres = postgres;
        _configDirectory = configDirectory;
        Silos = silos;
        _client = client;
    }

    public IReadOnlyList<SiloHostProcess> Silos { get; }

    public IClusterClient Client => _client.Services.GetRequiredService<IClusterClient>();

    /// <summary>Starts PostgreSQL, <paramref name="count"/> silos side by side (as a deployment does) and the client; returns once all silos are Active.</summary>
    public static async Task<SiloCluster> StartAsync(int count, SimulatedWorld world, OcmSidecar ocm)
    {
        var binDir = await PostgresServer.FindBinDirAsync()
            ?? throw new InvalidOperationException("PostgreSQL binaries (initdb, pg_ctl) not found: install postgresql (the several-silo run needs a server)");
        var postgres = await PostgresServer.StartNewAsync(binDir);
        var connectionString = postgres.AdminConnectionString;
        await new SchemaMigrator().ApplyAsync(connectionString, CancellationToken.None);
        var configDirectory = Directory.CreateTempSubdirectory("addongrains-bench-silos-").FullName;
        var configPath = Path.Combine(configDirectory, "addongrains.yaml");
        await File.WriteAllTextAsync(configPath, BenchEnvironment.PointAt(world, ocm));
        var environment = new Dictionary<string, string>(world.Environment)
        {
            ["Orleans__ClusterId"] = ClusterId,
            ["Orleans__ServiceId"] = ServiceId,
        };
        var silos = Enumerable.Range(1, count)
            .Select(i => SiloHostProcess.Start($"silo-{i}", configPath, connectionString, environment))
            .ToList();
        IHost? client = null;
        try
        {
            await Task.WhenAll(silos.Select(s => s.WaitUntilReadyAsync(TimeSpan.FromMinutes(3))));
            client = await ConnectAsync(connectionString);
            var management = client.Services.GetRequiredService<IClusterClient>().GetGrain<IManagementGrain>(0);
            await Wait.UntilAsync(async () => (await management.GetHosts(onlyActive: true)).Count, active => active == count,
                TimeSpan.FromMinutes(2), $"{count} silos Active in the membership table", interval: TimeSpan.FromMilliseconds(200));
            return new SiloCluster(postgres, configDirectory, silos, client);
        }
        catch
        {
            await StopAsync(silos, client, postgres, configDirectory);
            throw;
        }
    }

    public ValueTask DisposeAsync() => StopAsync(Silos, _client, _postgres, _configDirectory);

    private static async Task<IHost> ConnectAsync(string connectionString)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace).SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (ClusterId, ServiceId));
            client.UseAddonGrainsPostgresClustering(connectionString);
            client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = ClientResponseTimeout);
        });
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    private static async ValueTask StopAsync(IEnumerable<SiloHostProcess> silos, IHost? client, PostgresServer postgres, string configDirectory)
    {
        if (client is not null)
        {
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await client.StopAsync(stop.Token);
            client.Dispose();
        }

        await Task.WhenAll(silos.Select(s => s.DisposeAsync().AsTask()));
        await postgres.DisposeAsync();
        Directory.Delete(configDirectory, recursive: true);
    }
}
