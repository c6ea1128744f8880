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
}
