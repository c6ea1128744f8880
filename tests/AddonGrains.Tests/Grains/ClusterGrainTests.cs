using AddonGrains.Grains.Fleet;
using AddonGrains.Tests.Support;

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
        var grain = fixture.Grains.GetGrain<IClusterGrain>(ClusterKey.For("ocm", "cg1"));

        var first = await grain.ObserveAsync("cg1", "ready", Ct);
        var unchanged = await grain.ObserveAsync("cg1", "ready", Ct);
        fixture.Ocm.SetAddon("cg1", "acm", "2.8.0", "installing");
        var stateChanged = await grain.ObserveAsync("cg1", "ready", Ct);
        fixture.Ocm.SetAddon("cg1", "acm", "2.9.0", "installing");
        var versionChanged = await grain.ObserveAsync("cg1", "ready", Ct);

        Assert.Equal(new AddonInstallation("acm", "2.8.0", "ready"), Assert.Single(first.Installations));
        Assert.Equal(new AddonInstallation("acm", "2.8.0", "ready"), Assert.Single(unchanged.Installations));
        Assert.Equal(new AddonInstallation("acm", "2.8.0", "installing"), Assert.Single(stateChanged.Installations));
        Assert.Equal(new AddonInstallation("acm", "2.9.0", "installing"), Assert.Single(versionChanged.Installations));
        Assert.Equal(versionChanged.Installations, (await grain.GetLatestAsync(Ct))!.Installations);
    }
}
