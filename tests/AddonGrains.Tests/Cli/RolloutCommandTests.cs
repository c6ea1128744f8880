using System.Text.Json;

namespace AddonGrains.Tests.Cli;

[Collection(CliClusterGroup.Name)]
public sealed class RolloutCommandTests(CliClusterFixture fixture)
{
    private static readonly string[] ClusterFields = ["clusterId", "name", "clusterState", "addonState", "version", "inScope", "observedAt", "desiredVersion", "heldBy"];

    private static readonly string[] TriggerFields =
    [
        "triggerId", "version", "previousVersion", "direction", "instance", "job", "status", "attempts", "queueId", "buildNumber",
        "buildUrl", "result", "lastError", "createdAt", "updatedAt",
    ];

    [Fact]
    public async Task Clusters_Json_ListsEachClusterByIdWithContractFields()
    {
        var run = await Cli.RunAsync(fixture.Client, "clusters", "golden", "acm", "-o", "json");

        Assert.Equal(0, run.ExitCode);
        var rows = run.Json.EnumerateArray().ToList();
        Assert.Equal(["g1", "g2", "g3", "g4", "g5", "g6", "g7"], rows.Select(r => r.GetProperty("clusterId").GetString()));
        Assert.All(rows, r => Assert.Equal(ClusterFields, r.EnumerateObject().Select(p => p.Name)));
        var g7 = rows[6];
        Assert.Equal(("installing", false, JsonValueKind.Null), (g7.GetProperty("clusterState").GetString(), g7.GetProperty("inScope").GetBoolean(),
            g7.GetProperty("version").ValueKind));
        Assert.Equal("2.8.0", rows[5].GetProperty("version").GetString());
        Assert.Equal("2026-11-26T12:00:00Z", rows[0].GetProperty("observedAt").GetString());
    }

    [Fact]
    public async Task Clusters_Table_MatchesGolden()
    {
        var run = await Cli.RunAsync(fixture.Client, "clusters", "golden", "acm");

        Assert.Equal(0, run.ExitCode);
        Golden.Verify("clusters", run.Table);
    }

    [Fact]
    public async Task Clusters_UnknownAddonOfOrganization_ListsItsAddonsAndExits2()
    {
        var run = await Cli.RunAsync(fixture.Client, "clusters", "manual", "mce");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("organization manual does not watch it. Known add-ons: acm", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Clusters_MissingArgument_IsAUsageError()
    {
        var run = await Cli.RunAsync(fixture.Client, "clusters", "golden");

        Assert.Equal(1, run.ExitCode);
    }

    [Fact]
    public async Task History_Json_ListsTriggersWithLowercaseDirection()
    {
        var run = await Cli.RunAsync(fixture.Client, "history", "g-1", "mce", "-o", "json");

        Assert.Equal(0, run.ExitCode);
        var trigger = Assert.Single(run.Json.EnumerateArray().ToList());
        Assert.Equal(TriggerFields, trigger.EnumerateObject().Select(p => p.Name));
        Assert.Equal(("1.1.0", "1.0.0", "upgrade", "ci-int", "e2e", "Pending"), (trigger.GetProperty("version").GetString(),
            trigger.GetProperty("previousVersion").GetString(), trigger.GetProperty("direction").GetString(), trigger.GetProperty("instance").GetString(),
            trigger.GetProperty("job").GetString(), trigger.GetProperty("status").GetString()));
        Assert.StartsWith("ag-", trigger.GetProperty("triggerId").GetString(), StringComparison.Ordinal);
        Assert.Equal("2026-11-26T12:00:00Z", trigger.GetProperty("createdAt").GetString());
    }

    [Fact]
    public async Task History_Table_MatchesGolden()
    {
        var run = await Cli.RunAsync(fixture.Client, "history", "golden", "mce");

        Assert.Equal(0, run.ExitCode);
        Golden.Verify("history", run.Table);
    }

    [Fact]
    public async Task History_NoTriggers_PrintsEmptyArray()
    {
        var run = await Cli.RunAsync(fixture.Client, "history", "golden", "osd", "-o", "json");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(0, run.Json.GetArrayLength());
    }

    [Fact]
    public async Task Check_Json_RunsACheckAndPrintsOneStatus()
    {
        var before = await fixture.Rollout("fresh", "acm").GetStatusAsync(TestContext.Current.CancellationToken);

        var run = await Cli.RunAsync(fixture.Client, "check", "f-1", "acm", "-o", "json");

        Assert.Equal(RolloutPhase.Unchecked, before.Phase);
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(JsonValueKind.Object, run.Json.ValueKind);
        Assert.Equal(("fresh", "Idle", "3.0.0", 1), (run.Json.GetProperty("organization").GetString(), run.Json.GetProperty("phase").GetString(),
            run.Json.GetProperty("lastKnownVersion").GetString(), run.Json.GetProperty("clustersOnTarget").GetInt32()));
    }

    [Fact]
    public async Task Check_Table_PrintsTheStatusRow()
    {
        var run = await Cli.RunAsync(fixture.Client, "check", "golden", "osd");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("NoInstallations", run.Table, StringComparison.Ordinal);
    }
}
