using AddonGrains.Tests.Support;
using AddonGrains.Simulators.Jenkins;

namespace AddonGrains.Tests.EndToEnd;

/// <summary>
/// Through the real trigger grains and Jenkins simulator: with <c>history.keep: 2</c> the rollout drops
/// the oldest event once its build finished, and that trigger grain clears its state one retention (1 day, fake
/// clock) after it finished — not before.
/// </summary>
[Collection(HistoryGroup.Name)]
public sealed class TriggerRetentionTests(HistoryFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task OldestFinishedTrigger_LeavesTheHistory_AndItsGrainClearsAfterRetention()
    {
        var grain = fixture.Rollout("kept");
        fixture.Fleet("org-kept", "1.0.0", "k1");
        await grain.CheckAsync(Ct);
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var result = await grain.RetriggerAsync(HistoryFixture.Job, null, TestOperator.Request, Ct);
            ids.Add(result.TriggerId!);
            await Wait.UntilAsync(() => fixture.Grains.GetGrain<ITriggerGrain>(ids[^1]).GetSnapshotAsync(Ct),
                t => t?.Delivery.Status == TriggerStatus.Succeeded, TimeSpan.FromSeconds(60), $"trigger {i} to succeed", cancellationToken: Ct);
        }

        var kept = await grain.GetHistoryAsync(Ct);
        var oldest = fixture.Grains.GetGrain<ITriggerGrain>(ids[0]);
        var retained = await oldest.GetSnapshotAsync(Ct);
        fixture.Clock.Advance(HistoryFixture.Retention - TimeSpan.FromMinutes(5));
        var beforeRetention = await oldest.GetSnapshotAsync(Ct);
        await Wait.UntilAsync(async () =>
        {
            // Minute by minute: the reminder service arms its timers on its own schedule, after the registration.
            fixture.Clock.Advance(TimeSpan.FromMinutes(1));
            return await oldest.GetSnapshotAsync(Ct);
        }, t => t is null, TimeSpan.FromSeconds(60), "the retired trigger's state to clear", cancellationToken: Ct);
        var clearedAfter = fixture.Clock.GetUtcNow() - retained!.Delivery.UpdatedAt;

        Assert.Equal([ids[2], ids[1]], kept.Select(t => t.Request.TriggerId));
        Assert.InRange(clearedAfter, HistoryFixture.Retention, HistoryFixture.Retention + TimeSpan.FromMinutes(30));
        Assert.Equal(TriggerStatus.Succeeded, beforeRetention?.Delivery.Status);
        Assert.NotNull(await fixture.Grains.GetGrain<ITriggerGrain>(ids[1]).GetSnapshotAsync(Ct));
        Assert.Equal([ids[2], ids[1]], (await grain.GetHistoryAsync(Ct)).Select(t => t.Request.TriggerId));
    }

    [Fact]
    public async Task RetireAsync_UnfinishedTrigger_RefusesAndKeepsItsState()
    {
        var request = new TriggerRequest("ag-retire-unfinished", "kept", "org-kept", "sim", "acm",
            new TriggerEvent(1, "1.0.0", null, UpgradeDirection.Manual, fixture.Clock.GetUtcNow()), "ci", "missing-job-that-stays-pending", []);
        var trigger = fixture.Grains.GetGrain<ITriggerGrain>(request.TriggerId);
        fixture.Jenkins.InjectFault(new JenkinsSimFault { PathContains = "/job/missing-job-that-stays-pending", StatusCode = 503, Count = 1000 });
        try
        {
            await trigger.SubmitAsync(request, Ct);

            var retired = await trigger.RetireAsync(TimeSpan.Zero, Ct);

            Assert.False(retired);
            Assert.Equal(TriggerStatus.Pending, (await trigger.GetSnapshotAsync(Ct))?.Delivery.Status);
        }
        finally
        {
            fixture.Jenkins.ClearFaults();
        }
    }
}
