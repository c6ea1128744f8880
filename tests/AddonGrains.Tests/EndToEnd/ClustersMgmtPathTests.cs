using AddonGrains.Simulators.Jenkins;
using AddonGrains.Simulators.Ocm;
using AddonGrains.Simulators.World;
using AddonGrains.Tests.Support;
using Orleans.TestingHost;

namespace AddonGrains.Tests.EndToEnd;

/// <summary>
/// <c>addonsApi: clusters_mgmt</c> end to end: the real client reads the older listing only (never the add-on service,
/// never a status), an upgrade it shows as <c>installing</c> holds the rollout back, and the converged fleet triggers once.
/// </summary>
public sealed class ClustersMgmtPathTests : IAsyncLifetime
{
    private static readonly string[] Clusters = ["cm-1", "cm-2"];
    private SimulatedWorld _world = null!;
    private InProcessTestCluster _cluster = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _world = await SimulatedWorld.Build()
            .AddonsApi("clusters_mgmt")
            .Job(new JenkinsSimJob("legacy") { Parameters = new Dictionary<string, string> { ["TRIGGER_ID"] = "" } })
            .Organization("e2e-legacy", "org-legacy", o => o.Test("acm", "legacy").Clusters("acm", "1.0.0", Clusters))
            .StartAsync(Ct);
        var settings = _world.Settings();
        Assert.Equal((AddonsApi.ClustersMgmt, false), (settings.Ocm[0].AddonsApi, settings.Ocm[0].AddonStatus));
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddTestAddonGrains(settings, new StorageCounter());
            silo.AddFastUpstreamClients();
        });
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _cluster.DisposeAsync();
        await _world.DisposeAsync();
    }

    [Fact]
    public async Task Rollout_ReadsClustersMgmtOnly_UpgradingShowsAsInstalling_ThenTriggersOnce()
    {
        var grain = _cluster.Client.GetGrain<IRolloutGrain>(RolloutKey.For("e2e-legacy", "acm"));
        Assert.Equal("1.0.0", (await grain.CheckAsync(Ct)).LastKnownVersion);
        _world.SetVersion("acm", "1.1.0", Clusters[..1]);
        _world.Upgrade("acm", "1.1.0", Clusters[1..], listingsUntilReady: null);

        var rolling = await grain.CheckAsync(Ct);
        _world.SetVersion("acm", "1.1.0", Clusters[1..]);
        var converged = await grain.CheckAsync(Ct);

        Assert.Equal(RolloutPhase.RollingOut, rolling.Phase);
        var straggler = Assert.Single(rolling.Stragglers);
        Assert.Equal(("cm-2", "installing", null), (straggler.ClusterId, straggler.AddonState, straggler.DesiredVersion));
        Assert.Equal("1.1.0", converged.LastKnownVersion);
        await Wait.UntilAsync(() => grain.GetHistoryAsync(Ct), h => h.Length == 1 && h[0].Delivery.Status == TriggerStatus.Succeeded,
            TimeSpan.FromSeconds(60), "the one trigger to succeed", cancellationToken: Ct);
        Assert.Single(_world.Jenkins.Builds("legacy"));
        Assert.Equal(6, _world.Ocm.RequestCount(OcmRoutes.Addons));
        Assert.Equal((0, 0), (_world.Ocm.RequestCount(OcmRoutes.ServiceAddons), _world.Ocm.RequestCount(OcmRoutes.AddonStatus)));
    }
}
