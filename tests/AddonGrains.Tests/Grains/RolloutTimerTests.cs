using AddonGrains.Tests.Support;

namespace AddonGrains.Tests.Grains;

/// <summary>
/// The fast rollout timer (fixture: <c>rolloutInterval: 10s</c>, <c>interval: 1m</c>, the grains' clock and the
/// reminders on a fake clock, so no reminder check interferes): when the check that sees the
/// fleet converge runs in that timer, the timer stops (the rollout is over) and its callback's token is canceled.
/// The triggers of that check must still be handed over at once, not a reminder period later (found by the benchmark:
/// no Jenkins POST for minutes after convergence).
/// </summary>
[Collection(GrainClusterGroup.Name)]
public sealed class RolloutTimerTests(GrainClusterFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ConvergenceSeenByTheFastTimer_HandsTheTriggerOverWithoutACanceledToken()
    {
        var grain = fixture.Grains.GetGrain<IRolloutGrain>(RolloutKey.For("fast", "acm"));
        foreach (var cluster in new[] { "fast-1", "fast-2" })
        {
            fixture.Ocm.SetCluster("org-fast", cluster);
            fixture.Ocm.SetAddon(cluster, "acm", "1.0.0");
        }

        await grain.CheckAsync(Ct);
        fixture.Ocm.SetAddon("fast-1", "acm", "1.1.0");
        Assert.Equal(RolloutPhase.RollingOut, (await grain.CheckAsync(Ct)).Phase); // the fast timer starts
        fixture.Ocm.SetAddon("fast-2", "acm", "1.1.0"); // only the timer checks from here on
        fixture.Clock.Advance(TimeSpan.FromSeconds(6)); // the grain's clock: the next timer tick finds a check due

        // The first hand-over attempt, whichever way it went, decides.
        await Wait.UntilAsync(() => Task.FromResult(fixture.Triggers.For("fast").Length + fixture.Triggers.Canceled.Count(o => o == "fast")),
            n => n > 0, TimeSpan.FromSeconds(50), "the fast timer's check to hand the trigger over", cancellationToken: Ct);

        Assert.DoesNotContain("fast", fixture.Triggers.Canceled);
        var request = Assert.Single(fixture.Triggers.For("fast"));
        Assert.Equal("1.1.0", request.Event.Version);
        Assert.Equal(RolloutPhase.Idle, (await grain.GetStatusAsync(Ct)).Phase);
    }
}
