using System.Net;
using AddonGrains.Grains.Hosting;
using AddonGrains.Persistence;
using Orleans.Configuration;

namespace AddonGrains.Silo.Hosting;

/// <summary>Wires the Orleans silo: PostgreSQL when <c>ConnectionStrings:Orleans</c> is set, else single-silo local mode.</summary>
internal static partial class OrleansHosting
{
    public static WebApplicationBuilder AddAddonSilo(this WebApplicationBuilder builder, AddonGrainsSettings settings, SiloAddresses addresses)
    {
        var connectionString = builder.Configuration.GetConnectionString("Orleans");
        var siloPort = builder.Configuration.GetValue("Orleans:SiloPort", SiloDefaults.SiloPort);
        var gatewayPort = builder.Configuration.GetValue("Orleans:GatewayPort", SiloDefaults.GatewayPort);
        builder.Services.AddSingleton(new StorageMode(string.IsNullOrWhiteSpace(connectionString) ? null : connectionString));
        // Local mode is single-silo: it stays on loopback whatever the address settings say.
        builder.Services.AddSingleton(string.IsNullOrWhiteSpace(connectionString) ? SiloAddresses.LocalMode : addresses);
        builder.Services.AddSingleton<SiloMetrics>();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = SiloDefaults.ShutdownTimeout);
        builder.Services.AddUpstreamClients();
        if (ChaosKillProbe.FromEnvironment() is { } chaos)
        {
            builder.Services.AddSingleton<AddonGrains.Grains.Triggers.IDeliveryProbe>(chaos);
        }

        builder.Services.Configure<AddonGrains.Grains.Triggers.TriggerDeliveryOptions>(builder.Configuration.GetSection("AddonGrains:Delivery"));
        builder.Services.Configure<AddonGrains.Grains.Notifications.NotificationDeliveryOptions>(builder.Configuration.GetSection("AddonGrains:Notifications"));
        builder.UseOrleans(silo =>
        {
            silo.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = builder.Configuration["Orleans:ClusterId"] ?? SiloDefaults.ClusterId;
                o.ServiceId = builder.Configuration["Orleans:ServiceId"] ?? SiloDefaults.ServiceId;
            });
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                silo.UseLocalhostClustering(siloPort, gatewayPort);
                silo.AddMemoryGrainStorage(StorageNames.Rollouts);
                silo.UseInMemoryReminderService();
            }
            else
            {
                silo.Configure<EndpointOptions>(o =>
                {
                    (o.AdvertisedIPAddress, o.SiloPort, o.GatewayPort) = (addresses.Advertised, siloPort, gatewayPort);
                    o.SiloListeningEndpoint = new IPEndPoint(addresses.Listening, siloPort);
                    o.GatewayListeningEndpoint = new IPEndPoint(addresses.Listening, gatewayPort);
                });
                silo.UseAddonGrainsPostgres(connectionString, StorageNames.Rollouts);
                if (KubernetesDetection.InPod(Variables(builder.Configuration)))
                {
                    // Silo name = pod name; silos of deleted pods are declared dead at once (needs the pod RBAC in deploy/kubernetes).
                    silo.UseKubernetesHosting();
                }
            }

            // Failure detection: the product's timing, then the deployment's overrides (Orleans__Membership__*,
            // checked at start by MembershipTiming.Validate).
            silo.Configure<ClusterMembershipOptions>(MembershipTiming.ApplyDefaults);
            silo.Configure<ClusterMembershipOptions>(builder.Configuration.GetSection(MembershipTiming.Section));
            silo.AddActivityPropagation();
            silo.AddAddonGrains(settings);
        });
        return builder;
    }

    /// <summary>Environment-variable names (<c>Orleans__AdvertisedIP</c>, <c>POD_IP</c>) looked up in the host configuration.</summary>
    public static Func<string, string?> Variables(IConfiguration configuration) =>
        name => configuration[name.Replace("__", ":", StringComparison.Ordinal)];

    /// <summary>
    /// At start: one log line saying where this silo can be reached (as the membership table will say), and the
    /// <c>addongrains_silo_active</c> gauge.
    /// </summary>
    public static void ReportSilo(IServiceProvider services)
    {
        var endpoints = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<EndpointOptions>>().Value;
        var name = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<SiloOptions>>().Value.SiloName;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("AddonGrains.Silo");
        var advertised = endpoints.AdvertisedIPAddress ?? IPAddress.Loopback;
        var addresses = services.GetRequiredService<SiloAddresses>();
        services.GetRequiredService<SiloMetrics>();
        LogAdvertised(logger, name, advertised, endpoints.SiloPort, endpoints.GatewayPort, addresses);
    }

    /// <summary>
    /// Applies the schema before the silo joins the cluster (safe when silos start together: advisory lock).
    /// False, after one clear line on stderr, when PostgreSQL cannot be reached: the process exits and its supervisor
    /// (compose, Kubernetes) restarts it.
    /// </summary>
    public static async Task<bool> PrepareStorageAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var mode = services.GetRequiredService<StorageMode>();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("AddonGrains.Silo");
        if (mode.ConnectionString is null)
        {
            LogNotDurable(logger);
            return true;
        }

        try
        {
            var result = await new SchemaMigrator(services.GetRequiredService<ILogger<SchemaMigrator>>()).ApplyAsync(mode.ConnectionString, cancellationToken);
            LogSchema(logger, result.CurrentVersion, result.AppliedVersions.Count);
            return true;
        }
        catch (Exception ex) when (SiloStartup.IsDatabaseUnreachable(ex))
        {
            await Console.Error.WriteLineAsync(SiloStartup.SchemaError(ex));
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "ConnectionStrings__Orleans is not set: single-silo local mode with IN-MEMORY state. Last known versions and triggers are LOST when this process stops. Set ConnectionStrings__Orleans to a PostgreSQL database for durable state.")]
    private static partial void LogNotDurable(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Silo {SiloName} advertises silo endpoint {Address}:{SiloPort} and gateway {Address}:{GatewayPort}: {Addresses}")]
    private static partial void LogAdvertised(ILogger logger, string? siloName, IPAddress address, int siloPort, int gatewayPort, SiloAddresses addresses);

    [LoggerMessage(Level = LogLevel.Information, Message = "PostgreSQL schema at version {Version} ({Applied} scripts applied now)")]
    private static partial void LogSchema(ILogger logger, int version, int applied);
}

/// <summary>Where state lives: PostgreSQL (connection string) or memory (null).</summary>
internal sealed record StorageMode(string? ConnectionString);
