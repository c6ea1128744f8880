using System.Diagnostics;
using AddonGrains.Grains.Triggers;
using AddonGrains.Tests.Support;
using Orleans.Core.Internal;

namespace AddonGrains.Tests.EndToEnd;

/// <summary>
/// Every write of a trigger's life and of a check that records a version fails once — before the store
/// sees it, and after it committed (the ETag conflict case) — and each time the trigger still ends Succeeded in
/// storage, each job builds exactly once, and the last known version is right.
/// </summary>
[Collection(EndToEndGroup.Name)]
public sealed class StorageFaultSweepTests(EndToEndFixture fixture)
{
    private const string Organization = "e2e-faults";
    private const string OrgId = "org-faults";
    private static readonly string[] Jobs = ["sweep", "sweep plain"];
    private static readonly WriteFault[] Faults = [WriteFault.BeforeCommit, WriteFault.AfterCommit];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private IRolloutGrain Rollout => fixture.Grains.GetGrain<IRolloutGrain>(RolloutKey.For(Organization, "acm"));

    private GrainId TriggerGrain(string triggerId) => fixture.Grains.GetGrain<ITriggerGrain>(triggerId).GetGrainId();

    [Fact]
    public async Task EveryWriteOfATriggersLife_FailingOnce_StillEndsSucceededWithOneBuildPerJob()
    {
        var clean = await RunRoundAsync(null);
        var writes = Jobs.ToDictionary(j => j, j => fixture.StorageFaults.WritesOf(TriggerGrain(clean.TriggerIds[j])));
        Assert.All(writes.Values, n => Assert.InRange(n, 4, 20));

        foreach (var job in Jobs)
        {
            for (var nth = 1; nth <= writes[job]; nth++)
            {
                foreach (var fault in Faults)
                {
                    var at = nth;
                    await RunRoundAsync(round => fixture.StorageFaults.Arm(TriggerGrain(round.TriggerIds[job]), at, fault));
                }
            }
        }

        Assert.Equal(Jobs.Sum(j => writes[j]) * Faults.Length, fixture.StorageFaults.Injected.Count(i => i.Contains("trigger/", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task EveryWriteOfACheckThatRecordsAVersion_FailingOnce_RecordsItOnceAndTriggersOnce()
    {
        var rollout = Rollout.GetGrainId();
        await RunRoundAsync(null);
        var before = fixture.StorageFaults.WritesOf(rollout);
        await RunRoundAsync(null);
        var perRound = fixture.StorageFaults.WritesOf(rollout) - before;
        Assert.InRange(perRound, 1, 10);

        for (var nth = 1; nth <= perRound; nth++)
        {
            foreach (var fault in Faults)
            {
                var at = fixture.StorageFaults.WritesOf(rollout) + nth;
                await RunRoundAsync(_ => fixture.StorageFaults.Arm(rollout, at, fault));
            }
        }
    }

    [Fact]
    public async Task Retrigger_WhoseWriteFails_SaysWhetherItTookEffectAndNeverHalfApplies()
    {
        await RunRoundAsync(null);
        var rollout = Rollout.GetGrainId();
        var history = await Rollout.GetHistoryAsync(Ct);
        var builds = fixture.Jenkins.Builds("sweep").Count;

        fixture.StorageFaults.Arm(rollout, fixture.StorageFaults.WritesOf(rollout) + 1, WriteFault.BeforeCommit);
        var refused = await Rollout.RetriggerAsync("sweep", null, TestOperator.Request, Ct);

        Assert.False(refused.Accepted, refused.Message);
        Assert.Contains("nothing was changed", refused.Message, StringComparison.Ordinal);
        Assert.Contains("injected failure before commit", refused.Message, StringComparison.Ordinal);
        await Reactivate([]);
        Assert.Equal(history.Length, (await Rollout.GetHistoryAsync(Ct)).Length);

        fixture.StorageFaults.Arm(rollout, fixture.StorageFaults.WritesOf(rollout) + 1, WriteFault.AfterCommit);
        var done = await Rollout.RetriggerAsync("sweep", null, TestOperator.Request, Ct);

        Assert.True(done.Accepted, done.Message);
        var finished = await Wait.UntilAsync(() => fixture.Grains.GetGrain<ITriggerGrain>(done.TriggerId!).GetSnapshotAsync(Ct),
            t => t is { Delivery.Status: TriggerStatus.Succeeded }, TimeSpan.FromSeconds(60), "the manual trigger to succeed", cancellationToken: Ct);
        await Reactivate([done.TriggerId!]);
        Assert.Equal(history.Length + 1, (await Rollout.GetHistoryAsync(Ct)).Length);
        Assert.Equal(TriggerStatus.Succeeded, (await fixture.Grains.GetGrain<ITriggerGrain>(done.TriggerId!).GetSnapshotAsync(Ct))!.Delivery.Status);
        Assert.Equal(builds + 1, fixture.Jenkins.Builds("sweep").Count);
        Assert.Single(fixture.Jenkins.Builds("sweep"), b => b.Parameters.GetValueOrDefault("TRIGGER_ID") == finished!.Request.TriggerId);
    }

    private sealed record Round(string Version, IReadOnlyDictionary<string, string> TriggerIds);

    /// <summary>
    /// Moves the fleet to the next version and drives checks (standing in for the rollout's reminder) until both
    /// triggers finish; then reactivates every grain involved so what is asserted is what storage holds.
    /// </summary>
    private async Task<Round> RunRoundAsync(Action<Round>? arm)
    {
        var status = await Rollout.GetStatusAsync(Ct);
        if (status.LastKnownVersion is null)
        {
            fixture.Fleet(OrgId, "1.0.0", "fa-a", "fa-b");
            status = await Rollout.CheckAsync(Ct);
            Assert.Equal("1.0.0", status.LastKnownVersion);
        }

        var eventNumber = status.ConvergenceEvents + 1;
        var round = new Round($"1.{eventNumber}.0", Jobs.ToDictionary(j => j, j => TriggerIds.For("sim", OrgId, "acm", eventNumber, "ci", j)));
        var buildsBefore = Jobs.ToDictionary(j => j, j => fixture.Jenkins.Builds(j).Count);
        arm?.Invoke(round);
        fixture.Fleet(OrgId, round.Version, "fa-a", "fa-b");

        var what = $"both triggers of {round.Version} to finish";
        var lastCheck = Stopwatch.StartNew();
        string? checkError = "not checked yet";
        await Wait.UntilAsync(async () =>
        {
            if (checkError is not null || lastCheck.Elapsed > TimeSpan.FromMilliseconds(500))
            {
                checkError = await CheckAsync();
                lastCheck.Restart();
            }

            return new Seen(Mine(await Rollout.GetHistoryAsync(Ct), round), checkError, fixture.StorageFaults.Injected is [.., var last] ? last : null);
        }, seen => seen.Triggers.Count == Jobs.Length && seen.Triggers.All(t => t.Delivery.Status.IsFinished()), TimeSpan.FromSeconds(60), what, cancellationToken: Ct);

        Assert.False(fixture.StorageFaults.Armed, $"the armed fault never struck in round {round.Version}");

        // A trigger may have finished in memory while its last write waits for its next tick: reactivated from
        // storage, it carries on from what storage holds. Once that is finished too, storage has the final word.
        await Reactivate(round.TriggerIds.Values);
        await Wait.UntilAsync(() => Rollout.GetHistoryAsync(Ct), h => Mine(h, round).All(t => t.Delivery.Status.IsFinished()), TimeSpan.FromSeconds(60), what, cancellationToken: Ct);
        await Reactivate(round.TriggerIds.Values);
        var stored = Mine(await Rollout.GetHistoryAsync(Ct), round);
        Assert.All(stored, t => Assert.Equal((TriggerStatus.Succeeded, round.Version), (t.Delivery.Status, t.Request.Event.Version)));
        Assert.Equal(round.Version, (await Rollout.GetStatusAsync(Ct)).LastKnownVersion);
        foreach (var job in Jobs)
        {
            Assert.Equal(buildsBefore[job] + 1, fixture.Jenkins.Builds(job).Count);
        }

        Assert.Single(fixture.Jenkins.Builds("sweep"), b => b.Parameters.GetValueOrDefault("TRIGGER_ID") == round.TriggerIds["sweep"]);
        return round;
    }

    /// <summary>What a round's wait last saw, said in full when it times out.</summary>
    private sealed record Seen(List<TriggerSnapshot> Triggers, string? CheckError, string? LastFault)
    {
        public override string ToString() =>
            $"triggers [{string.Join(", ", Triggers.Select(t => $"{t.Request.Job}: {t.Delivery.Status} {t.Delivery.LastError}"))}], last check error: {CheckError ?? "none"}, last fault injected: {LastFault ?? "none"}";
    }

    private static List<TriggerSnapshot> Mine(ImmutableArray<TriggerSnapshot> history, Round round) =>
        [.. history.Where(t => round.TriggerIds.Values.Contains(t.Request.TriggerId))];

    private async Task<string?> CheckAsync()
    {
        try
        {
            await Rollout.CheckAsync(Ct);
            return null;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return ex.Message;
        }
    }

    /// <summary>Deactivates the rollout and the given triggers: their next call reads their state from storage.</summary>
    private async Task Reactivate(IEnumerable<string> triggerIds)
    {
        await Rollout.Cast<IGrainManagementExtension>().DeactivateOnIdle(Ct);
        foreach (var id in triggerIds)
        {
            await fixture.Grains.GetGrain<ITriggerGrain>(id).Cast<IGrainManagementExtension>().DeactivateOnIdle(Ct);
        }
    }
}
