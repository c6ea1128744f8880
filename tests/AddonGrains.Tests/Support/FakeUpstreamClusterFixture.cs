using AddonGrains.Configuration;
using AddonGrains.Grains.Triggers;
using AddonGrains.Upstream.Jenkins;
using AddonGrains.Upstream.Ocm;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;

namespace AddonGrains.Tests.Support;

/// <summary>
/// One in-process silo with memory storage (counted), a fake OCM, a fake Jenkins, a recording trigger dispatcher and
/// a fake clock used both by the grains and by the reminder service. A subclass gives the configuration; organizations
/// are named per scenario so tests stay apart.
/// </summary>
public abstract class FakeUpstreamClusterFixture(AddonGrainsSettings settings) : IAsyncLifetime
{
    /// <summary>The configuration's <c>ocm</c> and <c>jenkins</c> sections (nothing answers there: the fakes do) and the <c>organizations</c> key.</summary>
    protected const string Upstreams = """
        ocm:
          - { name: integration, url: "https://ocm.invalid", accessTokenUrl: "https://sso.invalid/token", accessTokenClientId: id, accessTokenClientSecret: { env: OCM_SECRET } }
        jenkins:
          - { name: ci-int, serverUrl: "https://ci.invalid", user: bot, token: { env: JENKINS_TOKEN } }
        organizations:
        """;

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IClusterClient Client => Cluster.Client;

    public IGrainFactory Grains => Cluster.Client;

    public FakeOcm Ocm { get; } = new();

    public FakeJenkins Jenkins { get; } = new();

    public RecordingTriggerDispatcher Triggers { get; } = new();

    public StorageCounter Storage { get; } = new();

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero));

    public virtual async ValueTask InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddTestAddonGrains(settings, Storage);
            silo.Services.AddSingleton<IOcmClientFactory>(Ocm);
            silo.Services.AddSingleton<IJenkinsClientFactory>(Jenkins);
            silo.Services.AddSingleton<ITriggerDispatcher>(Triggers);
            silo.Services.AddKeyedSingleton<TimeProvider>(AddonGrains.Grains.Clock.Key, Clock);
            silo.Services.AddKeyedSingleton<TimeProvider>(Orleans.Reminders.ReminderTimeProviderNames.Reminders, Clock);
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await Cluster.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    public IRolloutGrain Rollout(string organization, string addon) => Client.GetGrain<IRolloutGrain>(RolloutKey.For(organization, addon));

    /// <summary>Loads <paramref name="yaml"/> whose secrets are <c>OCM_SECRET</c> and <c>JENKINS_TOKEN</c>.</summary>
    protected static AddonGrainsSettings Load(string yaml) =>
        new SettingsLoader(n => n switch { "OCM_SECRET" => "s1", "JENKINS_TOKEN" => "t1", _ => null }).Load(yaml);
}
