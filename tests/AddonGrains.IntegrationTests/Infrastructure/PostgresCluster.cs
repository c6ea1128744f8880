using System.Net;
using AddonGrains.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;

namespace AddonGrains.IntegrationTests.Infrastructure;

/// <summary>
/// Real silo hosts (Host + UseOrleans, as the Silo project runs them) and a client, all wired to PostgreSQL
/// through <see cref="AddonGrainsPostgresExtensions"/>. InProcessTestCluster always swaps in its own in-memory
/// membership, so it cannot exercise the ADO.NET clustering provider.
/// </summary>
internal sealed class PostgresCluster : IAsyncDisposable
{
    private readonly string _connectionString;
    private readonly string _serviceId;
    private readonly string _clusterId = "it-" + Guid.NewGuid().ToString("N")[..8];
    private IHost? _clientHost;

    private PostgresCluster(string connectionString, string serviceId)
    {
        _connectionString = connectionString;
        _serviceId = serviceId;
    }

    public List<IHost> Silos { get; } = [];

    public IClusterClient Client => _clientHost?.Services.GetRequiredService<IClusterClient>()
        ?? throw new InvalidOperationException("The client is not started.");

    public static async Task<PostgresCluster> StartAsync(string connectionString, int silos, string? serviceId = null)
    {
        var cluster = new PostgresCluster(connectionString, serviceId ?? "svc-" + Guid.NewGuid().ToString("N")[..8]);
        for (var i = 0; i < silos; i++)
        {
            await cluster.StartSiloAsync();
        }

        var client = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        client.UseOrleansClient(c => c
            .Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (cluster._clusterId, cluster._serviceId))
            .UseAddonGrainsPostgresClustering(connectionString));
        cluster._clientHost = client.Build();
        await cluster._clientHost.StartAsync(TestContext.Current.CancellationToken);
        return cluster;
    }

    public async Task<IHost> StartSiloAsync()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleans(silo =>
        {
            silo.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (_clusterId, _serviceId));
            silo.ConfigureEndpoints(IPAddress.Loopback, FreePort.Next(), FreePort.Next());
            silo.UseAddonGrainsPostgres(_connectionString);
            // Short failure detection so a killed silo is declared dead within seconds, not ~15 s.
            silo.Configure<ClusterMembershipOptions>(o =>
            {
                o.ProbeTimeout = TimeSpan.FromMilliseconds(500);
                o.NumMissedProbesLimit = 2;
                o.NumVotesForDeathDeclaration = 1;
                o.TableRefreshTimeout = TimeSpan.FromSeconds(1);
                o.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(2);
            });
            silo.Configure<ReminderOptions>(o => o.MinimumReminderPeriod = TimeSpan.FromMilliseconds(100));
        });
        var host = builder.Build();
        await host.StartAsync(TestContext.Current.CancellationToken);
        Silos.Add(host);
        return host;
    }

    public static SiloAddress AddressOf(IHost silo) => silo.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress;

    /// <summary>Stops a silo without the graceful shutdown protocol (already-cancelled token), then disposes it.</summary>
    public async Task KillSiloAsync(IHost silo)
    {
        Silos.Remove(silo);
        try
        {
            await silo.StopAsync(new CancellationToken(canceled: true));
        }
        catch (OperationCanceledException)
        {
            // Expected: the stop was cut short on purpose.
        }

        silo.Dispose();
    }

    /// <summary>Stops a silo gracefully: it leaves the cluster and hands its grains and reminders over.</summary>
    public async Task StopSiloAsync(IHost silo)
    {
        Silos.Remove(silo);
        await silo.StopAsync(CancellationToken.None);
        silo.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        if (_clientHost is not null)
        {
            await _clientHost.StopAsync(CancellationToken.None);
            _clientHost.Dispose();
        }

        foreach (var silo in Silos.ToList())
        {
            await StopSiloAsync(silo);
        }
    }
}
