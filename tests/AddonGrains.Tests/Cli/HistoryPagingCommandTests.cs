using AddonGrains.Tests.Support;
using AddonGrains.Tests.EndToEnd;

namespace AddonGrains.Tests.Cli;

/// <summary>
/// <c>history --limit N --before TRIGGER_ID</c> through the real command tree, over two manual events (the fixture keeps 2)
/// of organization <c>paged</c> (orgId <c>org-paged</c>) delivered by the real trigger grains.
/// </summary>
[Collection(HistoryGroup.Name)]
public sealed class HistoryPagingCommandTests(HistoryFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<string[]> TwoEventsAsync()
    {
        var grain = fixture.Rollout("paged");
        if ((await grain.GetHistoryAsync(Ct)).Length == 0)
        {
            fixture.Fleet("org-paged", "4.0.0", "p1");
            await grain.CheckAsync(Ct);
            for (var i = 0; i < 2; i++)
            {
                Assert.True((await grain.RetriggerAsync(HistoryFixture.Job, null, TestOperator.Request, Ct)).Accepted);
            }
        }

        return [.. (await grain.GetHistoryAsync(Ct)).Select(t => t.Request.TriggerId)];
    }

    private static string[] Ids(CliRun run) => [.. run.Json.EnumerateArray().Select(r => r.GetProperty("triggerId").GetString()!)];

    [Fact]
    public async Task History_LimitAndBefore_PageNewestFirstByOrgId()
    {
        var ids = await TwoEventsAsync();

        var first = await Cli.RunAsync(fixture.Cluster.Client, "history", "org-paged", "acm", "--limit", "1", "-o", "json");
        var second = await Cli.RunAsync(fixture.Cluster.Client, "history", "paged", "acm", "--limit", "1", "--before", ids[0], "-o", "json");
        var all = await Cli.RunAsync(fixture.Cluster.Client, "history", "paged", "acm", "-o", "json");
        var table = await Cli.RunAsync(fixture.Cluster.Client, "history", "paged", "acm", "--limit", "1");

        Assert.Equal(2, ids.Length);
        Assert.Equal((0, 0, 0, 0), (first.ExitCode, second.ExitCode, all.ExitCode, table.ExitCode));
        Assert.Equal(ids[..1], Ids(first));
        Assert.Equal(ids[1..], Ids(second));
        Assert.Equal(ids, Ids(all));
        Assert.Contains($"--before {ids[0]}", table.Stderr, StringComparison.Ordinal);
        Assert.Contains(ids[0], table.Table, StringComparison.Ordinal);
        Assert.DoesNotContain(ids[1], table.Table, StringComparison.Ordinal);
    }

    [Fact]
    public async Task History_UnknownBefore_ExitsNotFound_AndBadLimitIsAUsageError()
    {
        await TwoEventsAsync();

        var unknown = await Cli.RunAsync(fixture.Cluster.Client, "history", "paged", "acm", "--before", "ag-00000000000000000000");
        var zero = await Cli.RunAsync(fixture.Cluster.Client, "history", "paged", "acm", "--limit", "0");
        var notNumber = await Cli.RunAsync(fixture.Cluster.Client, "history", "paged", "acm", "--limit", "many");

        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("trigger 'ag-00000000000000000000' is not in the history of paged/acm", unknown.Stderr, StringComparison.Ordinal);
        Assert.Equal(1, zero.ExitCode);
        Assert.Contains("--limit must be a whole number from 1 to 1000", zero.Stderr, StringComparison.Ordinal);
        Assert.Equal(1, notNumber.ExitCode);
    }

    [Fact]
    public async Task Commands_ResolveOneKeyThroughTheRegistry_AndReadOnlyTheRolloutsTheyShow()
    {
        await TwoEventsAsync();
        var (finds, statuses) = (fixture.Calls["FindAsync"], fixture.Calls["GetStatusAsync"]);

        var history = await Cli.RunAsync(fixture.Cluster.Client, "history", "org-paged", "acm");
        var afterHistory = (fixture.Calls["FindAsync"], fixture.Calls["GetStatusAsync"]);
        var status = await Cli.RunAsync(fixture.Cluster.Client, "status", "--org", "paged", "-o", "json");
        var afterStatus = (fixture.Calls["FindAsync"], fixture.Calls["GetStatusAsync"]);

        Assert.Equal((0, 0), (history.ExitCode, status.ExitCode));
        Assert.Equal((finds + 1, statuses), afterHistory);
        Assert.Equal((finds + 2, statuses + 1), afterStatus);
        Assert.Equal("paged", Assert.Single(status.Json.EnumerateArray().ToList()).GetProperty("organization").GetString());
    }
}
