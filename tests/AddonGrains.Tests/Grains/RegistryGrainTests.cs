using AddonGrains.Tests.Support;

namespace AddonGrains.Tests.Grains;

[Collection(GrainClusterGroup.Name)]
public sealed class RegistryGrainTests(GrainClusterFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ReconcileAsync_NewKey_ReminderRunsChecksUntilKeyIsRemoved()
    {
        fixture.Ocm.SetCluster("org-scheduled", "sc1");
        fixture.Ocm.SetAddon("sc1", "acm", "4.2.0");
        var registry = fixture.Grains.GetGrain<IRegistryGrain>("registry-test");
        var rollout = fixture.Grains.GetGrain<IRolloutGrain>(RolloutKey.For("scheduled", "acm"));

        await registry.ReconcileAsync(["scheduled/acm"], Ct);
        var checkedByReminder = await Wait.UntilAsync(
            async () => { fixture.Clock.Advance(TimeSpan.FromSeconds(30)); return await rollout.GetStatusAsync(Ct); },
            s => s.LastCheckAt is not null, TimeSpan.FromSeconds(20), "a reminder-driven check", cancellationToken: Ct);
        var removed = await registry.ReconcileAsync([], Ct);
        var keys = await registry.GetKeysAsync(Ct);

        Assert.Equal(("4.2.0", RolloutPhase.Idle), (checkedByReminder.LastKnownVersion, checkedByReminder.Phase));
        Assert.Equal(["scheduled/acm"], removed);
        Assert.Empty(keys);
    }

    [Fact]
    public async Task ApplyConfigurationAsync_OlderBundle_IsRefused_EvenWhenTheSiloMovedToItFromTheApplied()
    {
        var registry = fixture.Grains.GetGrain<IRegistryGrain>("registry-bundles");
        Assert.True((await registry.ApplyConfigurationAsync(new ConfigVersion("b1", null, 100), [], Ct)).Applied);
        Assert.True((await registry.ApplyConfigurationAsync(new ConfigVersion("b2", "b1", 200), [], Ct)).Applied);

        // A silo that read a lagging replica goes from b2 (applied) back to b1's bundle: an "edit back" by hash, older by time.
        var lagging = await registry.ApplyConfigurationAsync(new ConfigVersion("b1", "b2", 100), [], Ct);
        var newer = await registry.ApplyConfigurationAsync(new ConfigVersion("b3", null, 300), [], Ct);

        Assert.False(lagging.Applied);
        Assert.Contains("older than the cluster's b2", lagging.Reason, StringComparison.Ordinal);
        Assert.True(newer.Applied);
        Assert.Equal("b3", await registry.GetConfigHashAsync(Ct));
    }
}
