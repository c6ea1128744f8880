using System.Diagnostics;
using AddonGrains.Grains.Configuration;
using AddonGrains.Grains.Hosting;
using AddonGrains.Grains.Triggers;
using AddonGrains.Silo.Hosting;
using AddonGrains.Simulators.Jenkins;
using AddonGrains.Simulators.Ocm;
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
/// by this fixture's organizations (all named <c>otel-*</c>).
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

    public OcmSimulator Ocm { get; private set; } = null!;

    public JenkinsSimulator Jenkins { get; private set; } = null!;

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
        Ocm = await OcmSimulator.StartAsync(new OcmSimulatorOptions { Clients = new Dictionary<string, string> { [OcmClientId] = OcmClientSecret } });
        Jenkins = await JenkinsSimulator.StartAsync(new JenkinsSimulatorOptions { QuietPeriod = TimeSpan.FromMilliseconds(100) });
        Jenkins.AddUser(JenkinsUser, apiToken: JenkinsToken);
        var parameters = new Dictionary<string, string> { ["ADDON_VERSION"] = "", ["TRIGGER_ID"] = "" };
        Jenkins.AddJob(new JenkinsSimJob(Job) { Parameters = parameters });
        Jenkins.AddJob(new JenkinsSimJob(FlakyJob) { Parameters = parameters });

        var settings = new SettingsLoader(n => n switch
        {
            "OTEL_OCM_SECRET" => OcmClientSecret,
            "OTEL_JENKINS_TOKEN" => JenkinsToken,
            _ => null,
        }).Load(Yaml());

        var otlp = Otlp;
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((options, silo) =>
        {
            silo.AddActivityPropagation();
            silo.AddAddonGrains(settings, reconcileAtStart: false);
            silo.AddMemoryGrainStorage(StorageNames.Rollouts);
            silo.UseInMemoryReminderService();
            silo.Services.AddUpstreamClients(settings,
                ocm => { ocm.RetryBaseDelay = TimeSpan.FromMilliseconds(20); ocm.AttemptTimeout = TimeSpan.FromSeconds(2); ocm.TotalTimeout = TimeSpan.FromSeconds(5); },
                jenkins => { jenkins.RetryDelay = TimeSpan.FromMilliseconds(20); jenkins.AttemptTimeout = TimeSpan.FromSeconds(2); jenkins.TotalTimeout = TimeSpan.FromSeconds(5); });
            silo.Services.Configure<TriggerDeliveryOptions>(o =>
            {
                o.PollInterval = TimeSpan.FromMilliseconds(100);
                o.RetryBaseDelay = TimeSpan.FromMilliseconds(100);
                o.RetryMaxDelay = TimeSpan.FromMilliseconds(500);
            });

            silo.Services.AddAddonTelemetry($"test-{options.SiloName}", otlp);
            silo.Services.ConfigureOpenTelemetryTracerProvider(t => t.AddSource(TestSource.Name).AddInMemoryExporter(Spans));
            silo.Services.ConfigureOpenTelemetryMeterProvider(m => m.AddInMemoryExporter(Metrics));
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
        await Jenkins.DisposeAsync();
        await Ocm.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    /// <summary>Puts <paramref name="clusters"/> of <paramref name="orgId"/> on <paramref name="version"/> of acm.</summary>
    public void Fleet(string orgId, string version, params string[] clusters)
    {
        foreach (var id in clusters)
        {
            Ocm.AddCluster(new SimulatedCluster(id, $"cl-{id}", orgId));
            Ocm.SetAddonInstallation(id, "acm", version);
        }
    }

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

    private string Yaml() => $"""
        ocm:
          - name: otel-sim
            url: "{Ocm.BaseUrl.ToString().TrimEnd('/')}"
            accessTokenUrl: "{Ocm.TokenUrl}"
            accessTokenClientId: {OcmClientId}
            accessTokenClientSecret: {"{"} env: OTEL_OCM_SECRET {"}"}
        jenkins:
          - name: otel-ci
            serverUrl: "{Jenkins.BaseUrl.ToString().TrimEnd('/')}"
            user: {JenkinsUser}
            token: {"{"} env: OTEL_JENKINS_TOKEN {"}"}
        organizations:
          - {"{"} name: otel-trace, ocm: otel-sim, orgId: org-otel-trace, addonUpgradeTests: [ {"{"} addon: acm, instance: otel-ci, name: {Job} {"}"} ] {"}"}
          - {"{"} name: otel-metrics, ocm: otel-sim, orgId: org-otel-metrics, addonUpgradeTests: [ {"{"} addon: acm, instance: otel-ci, name: {Job} {"}"} ] {"}"}
          - name: otel-secrets
            ocm: otel-sim
            orgId: org-otel-secrets
            addonUpgradeTests:
              - {"{"} addon: acm, instance: otel-ci, name: {Job} {"}"}
              - {"{"} addon: acm, instance: otel-ci, name: {FlakyJob} {"}"}
          - {"{"} name: otel-otlp, ocm: otel-sim, orgId: org-otel-otlp, addonUpgradeTests: [ {"{"} addon: acm, instance: otel-ci, name: {Job} {"}"} ] {"}"}
        polling: {"{"} interval: 1m, rolloutInterval: 1m {"}"}
        """;
}
