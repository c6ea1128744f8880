using System.Diagnostics;
using AddonGrains.Configuration;
using AddonGrains.Grains.Notifications;
using AddonGrains.Silo.Hosting;
using AddonGrains.Simulators.Jenkins;
using AddonGrains.Simulators.Notifications;
using AddonGrains.Simulators.World;
using AddonGrains.Tests.Support;
using AddonGrains.Tests.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;
using Orleans.TestingHost;

namespace AddonGrains.Tests.Notifications;

/// <summary>
/// One in-process silo with the real clients against the OCM and Jenkins simulators, and three notification receivers
/// over loopback HTTP: <see cref="Main"/> (a signed webhook and a Slack webhook), <see cref="Flaky"/> and
/// <see cref="Hanging"/> (for faults). Retries are fast; an attempt never times out in the tests' time, so a receiver
/// that hangs keeps its request until it is told to answer. The silo's own tracing (HTTP client spans included) is
/// captured in <see cref="Spans"/>.
/// </summary>
public sealed class NotificationFixture : IAsyncLifetime
{
    public const string HookSecret = "hmac-fixture-s3cret-7781";
    public const string SlackPath = "/services/T0/B0/sLaCkSeCrEtPaTh";

    public SimulatedWorld World { get; private set; } = null!;

    public NotificationReceiver Main { get; private set; } = null!;

    public NotificationReceiver Flaky { get; private set; } = null!;

    public NotificationReceiver Hanging { get; private set; } = null!;

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.Client;

    /// <summary>Every span the silo's trace pipeline exported (<see cref="FlushSpans"/> first).</summary>
    public CaptureCollection<Activity> Spans { get; } = new();

    public async ValueTask InitializeAsync()
    {
        Main = await NotificationReceiver.StartAsync();
        Flaky = await NotificationReceiver.StartAsync();
        Hanging = await NotificationReceiver.StartAsync();
        World = await SimulatedWorld.Build()
            .JenkinsCredentials("bot", "11notify0token0secret0value0abcdef")
            .Job(new JenkinsSimJob("n-job") { Parameters = new Dictionary<string, string> { ["TRIGGER_ID"] = "" } })
            .Job(new JenkinsSimJob("n-failing") { Parameters = new Dictionary<string, string> { ["TRIGGER_ID"] = "" }, Result = "FAILURE" })
            .Organization("n-ok", "org-n-ok", o => o.Test("acm", "n-job"))
            .Organization("n-broken", "org-n-broken", o => o.Test("acm", "n-missing"))
            .Organization("n-stall", "org-n-stall", o => o.Test("acm", "n-job").Policy("{ stallAfter: 1s }"))
            .Organization("n-down", "org-n-down", o => o.Test("acm", "n-failing"))
            .Organization("n-hang", "org-n-hang", o => o.Test("acm", "n-job"))
            .Organization("n-cli", "org-n-cli", o => o.Test("acm", "n-job"))
            .StartAsync();
        var yaml = World.Yaml + $"""
            notifications:
              - name: all
                on: [converged, triggered, buildFinished, deliveryFailed, stalled, verdict]
                organizations: [n-ok, n-broken, n-stall, n-cli]
                webhook: {"{"} url: "{Main.Url("/all")}", secret: {"{"} env: HOOK_SECRET {"}"} {"}"}
              - name: chat
                on: [buildFinished]
                organizations: [n-ok]
                slack: {"{"} webhookUrl: {"{"} env: SLACK_URL {"}"} {"}"}
              - name: flaky
                on: [converged, triggered, buildFinished, verdict]
                organizations: [n-down]
                webhook: {"{"} url: "{Flaky.Url("/flaky")}" {"}"}
              - name: hanging
                on: [converged, triggered, buildFinished]
                organizations: [n-hang]
                webhook: {"{"} url: "{Hanging.Url("/hanging")}" {"}"}

            """;
        var settings = new SettingsLoader(name => name switch
        {
            "HOOK_SECRET" => HookSecret,
            "SLACK_URL" => Main.Url(SlackPath).ToString(),
            _ => World.Secret(name),
        }).Load(yaml);
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddTestAddonGrains(settings, new StorageCounter());
            silo.AddFastUpstreamClients();
            silo.Services.AddAddonTelemetry("test-notifications", otlp: null);
            silo.Services.ConfigureOpenTelemetryTracerProvider(t => t.AddInMemoryExporter(Spans));
            silo.Services.Configure<NotificationDeliveryOptions>(o =>
            {
                o.RetryBaseDelay = TimeSpan.FromMilliseconds(50);
                o.RetryMaxDelay = TimeSpan.FromSeconds(2);
                o.AttemptTimeout = TimeSpan.FromMinutes(10);
                o.ReminderPeriod = TimeSpan.FromSeconds(2);
            });
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
        await Cluster.Client.GetGrain<IRegistryGrain>(IRegistryGrain.Key).ReconcileAsync(settings.RolloutKeys);
    }

    public async ValueTask DisposeAsync()
    {
        await Hanging.StopAsync();
        await Cluster.DisposeAsync();
        await World.DisposeAsync();
        await Main.DisposeAsync();
        await Flaky.DisposeAsync();
        await Hanging.DisposeAsync();
    }

    /// <summary>The spans exported so far.</summary>
    public IReadOnlyList<Activity> FlushSpans()
    {
        Assert.True(Cluster.Silos[0].ServiceProvider.GetRequiredService<TracerProvider>().ForceFlush(10_000), "traces flushed");
        return Spans.Snapshot();
    }

    public IRolloutGrain Rollout(string organization) => Grains.GetGrain<IRolloutGrain>(RolloutKey.For(organization, "acm"));

    public INotificationGrain Outbox(string organization) => Grains.GetGrain<INotificationGrain>(RolloutKey.For(organization, "acm"));

    /// <summary>Baseline at 1.0.0 on two clusters, then both on 1.1.0: one convergence event.</summary>
    public async Task UpgradeAsync(string organization, string orgId, CancellationToken ct)
    {
        World.Fleet(orgId, "acm", "1.0.0", [$"{orgId}-a", $"{orgId}-b"]);
        await Rollout(organization).CheckAsync(ct);
        World.Fleet(orgId, "acm", "1.1.0", [$"{orgId}-a", $"{orgId}-b"]);
        await Rollout(organization).CheckAsync(ct);
    }
}

[CollectionDefinition(Name)]
public sealed class NotificationGroup : ICollectionFixture<NotificationFixture>
{
    public const string Name = nameof(NotificationGroup);
}
