using AddonGrains.Tests.Support;
using Orleans.Core.Internal;

namespace AddonGrains.Tests.Grains;

/// <summary>
/// On the rollout grain (fixture: <c>history: { keep: 5, triggerStateRetention: 3d }</c>): the state
/// keeps the last 5 events, never an unfinished trigger less, across a reload of state; pages are newest first.
/// </summary>
[Collection(GrainClusterGroup.Name)]
public sealed class HistoryRetentionTests(GrainClusterFixture fixture)
{
    private const int Keep = 5;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private IRolloutGrain Rollout(string organization) => fixture.Grains.GetGrain<IRolloutGrain>(RolloutKey.For(organization, "acm"));

    private async Task<IRolloutGrain> BaselinedAsync(string organization, string orgId)
    {
        fixture.Ocm.SetCluster(orgId, $"{organization}-1");
        fixture.Ocm.SetAddon($"{organization}-1", "acm", "1.0.0");
        var grain = Rollout(organization);
        await grain.CheckAsync(Ct);
        return grain;
    }

    /// <summary>One manual event per subscribed job; returns the new trigger ids.</summary>
    private async Task<string[]> EventAsync(IRolloutGrain grain, bool finish, params string[] jobs)
    {
        var ids = new List<string>();
        foreach (var job in jobs)
        {
            var result = await grain.RetriggerAsync(job, null, TestOperator.Request, Ct);
            Assert.True(result.Accepted, result.Message);
            ids.Add(result.TriggerId!);
            if (finish)
            {
                fixture.Triggers.SetStatus(result.TriggerId!, TriggerStatus.Succeeded);
            }
        }

        return [.. ids];
    }

    [Fact]
    public async Task ManyEvents_StateKeepsLastEvents_NeverAnUnfinishedTrigger_AndReloadKeepsTheBound()
    {
        var grain = await BaselinedAsync("bounded", "org-bounded");
        var unfinished = (await EventAsync(grain, finish: false, "e2e"))[0];
        var finished = new List<string>();
        for (var i = 0; i < 30; i++)
        {
            finished.AddRange(await EventAsync(grain, finish: true, "e2e"));
        }

        var history = await grain.GetHistoryAsync(Ct);
        var newest = finished[^Keep..];
        await grain.Cast<IGrainManagementExtension>().DeactivateOnIdle(Ct);
        var reloaded = await grain.GetHistoryAsync(Ct);
        finished.AddRange(await EventAsync(grain, finish: true, "e2e"));
        var afterReload = await grain.GetHistoryAsync(Ct);
        fixture.Triggers.SetStatus(unfinished, TriggerStatus.Failed);
        finished.AddRange(await EventAsync(grain, finish: true, "e2e"));
        var afterFinish = await grain.GetHistoryAsync(Ct);

        Assert.Equal([.. newest.AsEnumerable().Reverse(), unfinished], history.Select(t => t.Request.TriggerId));
        Assert.Equal(history.Select(t => t.Request.TriggerId), reloaded.Select(t => t.Request.TriggerId));
        Assert.Equal(Keep + 1, afterReload.Length);
        Assert.Equal(unfinished, afterReload[^1].Request.TriggerId);
        Assert.Equal([.. finished[^Keep..].AsEnumerable().Reverse()], afterFinish.Select(t => t.Request.TriggerId));
        Assert.Contains(unfinished, fixture.Triggers.Retired.Keys);
        Assert.All(finished[..^Keep], id => Assert.Equal(TimeSpan.FromDays(3), fixture.Triggers.Retired[id]));
        Assert.DoesNotContain(finished[^1], fixture.Triggers.Retired.Keys);
    }

    [Fact]
    public async Task ConvergenceEventsWithTwoJobs_KeepBothRecordsOfEachOfTheLastEvents()
    {
        var grain = await BaselinedAsync("multi", "org-multi");
        var versions = Enumerable.Range(1, Keep + 3).Select(i => $"1.{i}.0").ToList();
        foreach (var version in versions)
        {
            fixture.Ocm.SetAddon("multi-1", "acm", version);
            await grain.CheckAsync(Ct);
            foreach (var request in fixture.Triggers.For("multi"))
            {
                fixture.Triggers.SetStatus(request.TriggerId, TriggerStatus.Succeeded);
            }
        }

        var history = await grain.GetHistoryAsync(Ct);

        Assert.Equal(2 * Keep, history.Length);
        Assert.Equal(versions[^Keep..].AsEnumerable().Reverse().SelectMany(v => new[] { v, v }), history.Select(t => t.Request.Event.Version));
        Assert.All(history.Chunk(2), pair => Assert.Equal(["e2e", "smoke"], pair.Select(t => t.Request.Job).Order(StringComparer.Ordinal)));
    }

    [Fact]
    public async Task ManualActions_KeepTheNewestHistoryKeep_WhateverTheirReasonsLength()
    {
        var grain = await BaselinedAsync("audit-kept", "org-audit-kept");
        var reason = new string('r', 500); // the longest reason the silo accepts
        var versions = Enumerable.Range(1, Keep + 3).Select(i => $"0.{i}.0").ToList();
        foreach (var version in versions)
        {
            var result = await grain.SetBaselineAsync(version, TestOperator.Request with { Reason = reason }, Ct);
            Assert.True(result.Accepted, result.Message);
        }

        await grain.Cast<IGrainManagementExtension>().DeactivateOnIdle(Ct);
        var actions = await grain.GetManualActionsAsync(Ct);

        Assert.Equal(versions[^Keep..].AsEnumerable().Reverse(), actions.Select(a => a.Version));
        Assert.All(actions, a => Assert.Equal(reason, a.Reason));
    }

    [Fact]
    public async Task GetHistoryPageAsync_PagesNewestFirstWithoutOverlap_AndRejectsAnUnknownBefore()
    {
        var grain = await BaselinedAsync("paged", "org-paged");
        var ids = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            ids.AddRange(await EventAsync(grain, finish: false, "e2e"));
        }

        var first = await grain.GetHistoryPageAsync(3, null, Ct);
        var second = await grain.GetHistoryPageAsync(3, first.Triggers[^1].Request.TriggerId, Ct);
        var unknown = await grain.GetHistoryPageAsync(3, "ag-nope", Ct);

        Assert.Equal([ids[3], ids[2], ids[1]], first.Triggers.Select(t => t.Request.TriggerId));
        Assert.True(first.HasMore);
        Assert.Equal([ids[0]], second.Triggers.Select(t => t.Request.TriggerId));
        Assert.False(second.HasMore);
        Assert.Empty(unknown.Triggers);
        Assert.Contains("'ag-nope' is not in the history of paged/acm", unknown.Error, StringComparison.Ordinal);
    }
}
