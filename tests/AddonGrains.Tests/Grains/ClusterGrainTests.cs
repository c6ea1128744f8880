using AddonGrains.Grains.Fleet;
using AddonGrains.Tests.Support;
using AddonGrains.Upstream.Ocm;

namespace AddonGrains.Tests.Grains;

/// <summary>A cluster grain reports what OCM lists now, also when only a state or only a version changed since its last observation.</summary>
[Collection(GrainClusterGroup.Name)]
public sealed class ClusterGrainTests(GrainClusterFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ObserveAsync_AfterAStateOrAVersionChange_ReportsTheNewInstallation()
    {
        fixture.Ocm.SetCluster("org-cluster-grain", "cg1");
        fixture.Ocm.SetAddon("cg1", "acm", "2.8.0");
        var grain = fixture.Grains.GetGrain<IClusterGrain>(ClusterKey.For("org", "ocm", "cg1"));

        var first = await grain.ObserveAsync("cg1", "ready", AddonRead.ClustersMgmt, Ct);
        var unchanged = await grain.ObserveAsync("cg1", "ready", AddonRead.ClustersMgmt, Ct);
        fixture.Ocm.SetAddon("cg1", "acm", "2.8.0", "installing");
        var stateChanged = await grain.ObserveAsync("cg1", "ready", AddonRead.ClustersMgmt, Ct);
        fixture.Ocm.SetAddon("cg1", "acm", "2.9.0", "installing");
        var versionChanged = await grain.ObserveAsync("cg1", "ready", AddonRead.ClustersMgmt, Ct);

        Assert.Equal(new AddonInstallation("acm", "2.8.0", "ready"), Assert.Single(first.Installations));
        Assert.Equal(new AddonInstallation("acm", "2.8.0", "ready"), Assert.Single(unchanged.Installations));
        Assert.Equal(new AddonInstallation("acm", "2.8.0", "installing"), Assert.Single(stateChanged.Installations));
        Assert.Equal(new AddonInstallation("acm", "2.9.0", "installing"), Assert.Single(versionChanged.Installations));
        Assert.Equal(versionChanged.Installations, (await grain.GetLatestAsync(Ct))!.Installations);
    }

    [Fact]
    public async Task ObserveAsync_FromTheAddonService_ReadsTheStatusOfSubscribedReadyAddonsOnlyAndKeepsTheirConditions()
    {
        fixture.Ocm.SetCluster("org-cluster-grain", "cg2");
        fixture.Ocm.SetAddon("cg2", "acm", "2.8.0");
        fixture.Ocm.SetAddon("cg2", "mce", "1.0.0");
        fixture.Ocm.SetAddon("cg2", "odf", "4.0.0", "upgrading");
        fixture.Ocm.SetConditions("cg2", "acm", new OcmAddonCondition("UpgradeSucceeded", "False", "UpgradeFailed"));
        var grain = fixture.Grains.GetGrain<IClusterGrain>(ClusterKey.For("org", "ocm", "cg2"));
        var read = new AddonRead(AddonsApi.AddonsMgmt, ["acm", "odf"]);
        var statusReads = fixture.Ocm.Requests("status");

        var first = await grain.ObserveAsync("cg2", "ready", read, Ct);
        var again = await grain.ObserveAsync("cg2", "ready", read, Ct);

        // acm: subscribed and ready → read; mce: not subscribed; odf: subscribed but upgrading (conditions decide nothing).
        // One read per observation, each time.
        Assert.Equal(2, fixture.Ocm.Requests("status") - statusReads);
        var acm = first.Installations.Single(i => i.AddonId == "acm");
        Assert.Equal([new AddonCondition("UpgradeSucceeded", "False", "UpgradeFailed")], acm.Conditions);
        Assert.False(first.Installations.Single(i => i.AddonId == "mce").StatusRead);
        Assert.False(first.Installations.Single(i => i.AddonId == "odf").StatusRead);
        Assert.Equal(first.Installations, again.Installations);
    }
}
