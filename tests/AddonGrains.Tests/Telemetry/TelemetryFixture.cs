using System.Diagnostics;
using System.Diagnostics.Metrics;
using AddonGrains.Silo.Hosting;
using AddonGrains.Simulators.Jenkins;
using AddonGrains.Simulators.Ocm;
using AddonGrains.Simulators.World;
using AddonGrains.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Orleans.TestingHost;

namespace AddonGrains.Tests.Telemetry;

/// <summary>
/// One in-process silo wired with the production telemetry (<see cref="TelemetryHosting.AddAddonTelemetry(IServiceCollection, string, OtlpTarget?)"/>)
/// and grain-call propagation on silo and client, the real OCM and Jenkins clients against both simulators over
/// loopback HTTP, and distinctive secrets. Every span, metric point and log record (an <see cref="ILoggerProvider"/>
/// and the OpenTelemetry log pipeline) is captured in memory. Listeners are process-wide: filter by trace id or
/// by this fixture's organizations (all named <c>otel-*</c>); of the instruments made through a host's
/// <see cref="IMeterFactory"/> (HttpClient's), only this silo's are collected (<see cref="OwnMeters"/>).
/// </summary>
public class TelemetryFixture : IAsyncLifetime
{
    public const string OcmClientId = "otel-client";
    public const string OcmClientSecret = "ocm-SECRET-7f3c9a1e-do-not-log";
    public const string JenkinsUser = "otel-bot";
    public const string JenkinsToken = "jenkins-TOKEN-b82d44c0-do-not-log";
    public const string Job = "otel-job";
    public const string FlakyJob = "otel-flaky";

    /// <summary>The test's own spans (roots of the traces under test).</summary>
    public static readonly ActivitySource TestSource = new("AddonGrains.Tests.Telemetry");

    public SimulatedWorld World { get; private set; } = null!;

    public OcmSimulator Ocm => World.Ocm;

    public JenkinsSimulator Jenkins => World.Jenkins;

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.Client;

    public CaptureCollection<Activity> Spans { get; } = new();

    public CaptureCollection<MetricSnapshot> Metrics { get; } = new();

    public CapturingLoggerProvider Logs { get; } = new();

    public CaptureCollection<CapturedLog> OtelLogs { get; } = new();

    /// <summary>Where the silo exports over OTLP; null: no OTLP.</summary>
    private protected virtual OtlpTarget? Otlp => null;

    public virtual async ValueTask InitializeAsync()
    {
        World = await DescribeWorld().StartAsync();
        var settings = World.Settings();

        var otlp = Otlp;
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((options, silo) =>
        {
            silo.AddActivityPropagation();
            silo.AddTestAddonGrains(settings, new StorageCounter());
            silo.AddFastUpstreamClients();

            silo.Services.AddAddonTelemetry($"test-{options.SiloName}", otlp);
            silo.Services.ConfigureOpenTelemetryTracerProvider(t => t.AddSource(TestSource.Name).AddInMemoryExporter(Spans));
            silo.Services.ConfigureOpenTelemetryMeterProvider((services, m) => m
                .OnlyFromHost(services.GetRequiredService<IMeterFactory>())
                .AddInMemoryExporter(Metrics));
            silo.Services.ConfigureOpenTelemetryLoggerProvider(l => l.AddProcessor(new SimpleLogRecordExportProcessor(new CopyingLogExporter(OtelLogs))));
            silo.Services.AddSingleton<ILoggerProvider>(Logs);
            silo.Services.AddLogging(l => l.AddFilter<CapturingLoggerProvider>(null, LogLevel.Debug));
        });
        builder.ConfigureClient(client => client.AddActivityPropagation());
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public virtual async ValueTask DisposeAsync()
    {
        await Cluster.DisposeAsync();
        await World.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    /// <summary>Puts <paramref name="clusters"/> of <paramref name="orgId"/> on <paramref name="version"/> of acm.</summary>
    public void Fleet(string orgId, string version, params string[] clusters) => World.Fleet(orgId, "acm", version, clusters);

    /// <summary>Collects every metric now and returns the newest snapshot of each metric.</summary>
    public IReadOnlyDictionary<string, MetricSnapshot> CollectMetrics()
    {
        Metrics.Clear();
        Assert.True(Cluster.Silos[0].ServiceProvider.GetRequiredService<MeterProvider>().ForceFlush(10_000), "metrics flushed");
        var latest = new Dictionary<string, MetricSnapshot>(StringComparer.Ordinal);
        foreach (var metric in Metrics.Snapshot())
        {
            latest[metric.Name] = metric;
        }

        return latest;
    }

    /// <summary>Flushes the silo's trace and log pipelines (the OTLP exporters batch).</summary>
    public void FlushTracesAndLogs()
    {
        var services = Cluster.Silos[0].ServiceProvider;
        Assert.True(services.GetRequiredService<TracerProvider>().ForceFlush(10_000), "traces flushed");
        Assert.True(services.GetRequiredService<LoggerProvider>().ForceFlush(10_000), "logs flushed");
    }

    private static SimulatedWorldBuilder DescribeWorld()
    {
        var parameters = new Dictionary<string, string> { ["ADDON_VERSION"] = "", ["TRIGGER_ID"] = "" };
        return SimulatedWorld.Build()
            .Names("otel-sim", "otel-ci")
            .OcmCredentials(OcmClientId, OcmClientSecret)
            .JenkinsCredentials(JenkinsUser, JenkinsToken)
            .Job(new JenkinsSimJob(Job) { Parameters = parameters })
            .Job(new JenkinsSimJob(FlakyJob) { Parameters = parameters })
            .Organization("otel-trace", "org-otel-trace", o => o.Test("acm", Job))
            .Organization("otel-metrics", "org-otel-metrics", o => o.Test("acm", Job))
            .Organization("otel-secrets", "org-otel-secrets", o => o.Test("acm", Job).Test("acm", FlakyJob))
            .Organization("otel-otlp", "org-otel-otlp", o => o.Test("acm", Job));
    }
}
