using System.Text.Json;

namespace AddonGrains.Tests.Cli;

[Collection(CliClusterGroup.Name)]
public sealed class StatusCommandTests(CliClusterFixture fixture)
{
    private static readonly string[] ContractFields =
    [
        "organization", "orgId", "addon", "phase", "lastKnownVersion", "targetVersion", "clustersTotal", "clustersApplicable",
        "clustersOnTarget", "clustersExcluded", "stragglers", "rolloutStartedAt", "lastCheckAt", "nextCheckAt", "lastError",
    ];

    [Fact]
    public async Task Status_Json_PrintsEveryRolloutWithContractFields()
    {
        var run = await Cli.RunAsync(fixture.Client, "status", "-o", "json");

        Assert.Equal(0, run.ExitCode);
        var rows = run.Json.EnumerateArray().ToList();
        Assert.Equal(CliClusterFixture.Settings.RolloutKeys.Length, rows.Count);
        Assert.All(rows, r => Assert.Superset(ContractFields.ToHashSet(), r.EnumerateObject().Select(p => p.Name).ToHashSet()));
        var keys = rows.Select(r => $"{r.GetProperty("organization").GetString()}/{r.GetProperty("addon").GetString()}").ToList();
        Assert.Equal(keys.Order(StringComparer.Ordinal), keys);
        Assert.Equal("", run.Stderr);
    }

    [Fact]
    public async Task Status_JsonForRollingOutAddon_ShowsProgressStragglersAndUtcTimes()
    {
        var run = await Cli.RunAsync(fixture.Client, "status", "--org", "golden", "--addon", "acm", "-o", "json");

        var acm = Assert.Single(run.Json.EnumerateArray().ToList());
        Assert.Equal(("RollingOut", "2.8.0", "2.9.0"), (acm.GetProperty("phase").GetString(), acm.GetProperty("lastKnownVersion").GetString(),
            acm.GetProperty("targetVersion").GetString()));
        Assert.Equal((7, 6, 5, 1), (acm.GetProperty("clustersTotal").GetInt32(), acm.GetProperty("clustersApplicable").GetInt32(),
            acm.GetProperty("clustersOnTarget").GetInt32(), acm.GetProperty("clustersExcluded").GetInt32()));
        Assert.Equal(["g6"], acm.GetProperty("stragglers").EnumerateArray().Select(s => s.GetProperty("clusterId").GetString()));
        Assert.Equal("2026-11-26T12:00:00Z", acm.GetProperty("lastCheckAt").GetString());
        Assert.Equal(JsonValueKind.Null, acm.GetProperty("lastError").ValueKind);
    }

    [Fact]
    public async Task Status_ByOrgId_SelectsThatOrganization()
    {
        var run = await Cli.RunAsync(fixture.Client, "status", "--org", "g-1", "-o", "json");

        Assert.Equal(0, run.ExitCode);
        var rows = run.Json.EnumerateArray().ToList();
        Assert.Equal(["acm", "mce", "odf", "osd", "rhods"], rows.Select(r => r.GetProperty("addon").GetString()));
        Assert.Equal(["RollingOut", "Idle", "RollingOut", "NoInstallations", "Unchecked"], rows.Select(r => r.GetProperty("phase").GetString()));
        Assert.All(rows, r => Assert.Equal(("golden", "g-1"), (r.GetProperty("organization").GetString(), r.GetProperty("orgId").GetString())));
    }

    [Fact]
    public async Task Status_Table_MatchesGolden()
    {
        var run = await Cli.RunAsync(fixture.Client, "status", "--org", "golden");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Stdout);
        Golden.Verify("status", run.Table);
    }

    [Fact]
    public async Task Status_InconclusiveTable_ShowsTheError()
    {
        var run = await Cli.RunAsync(fixture.Client, "status", "--org", "dark");

        Golden.Verify("status-inconclusive", run.Table);
    }

    [Fact]
    public async Task Status_UnknownOrganization_ListsKnownOnesAndExits2()
    {
        var run = await Cli.RunAsync(fixture.Client, "status", "--org", "nope");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("unknown organization 'nope'", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("golden (orgId g-1)", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("manual (orgId m-1)", run.Stderr, StringComparison.Ordinal);
        Assert.Equal("", run.Stdout);
    }

    [Fact]
    public async Task Status_UnknownAddon_ListsKnownOnesAndExits2()
    {
        var run = await Cli.RunAsync(fixture.Client, "status", "--org", "golden", "--addon", "nope");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("Known add-ons: acm, mce, odf, osd, rhods", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_UnknownOutputFormat_IsAUsageError()
    {
        var run = await Cli.RunAsync(fixture.Client, "status", "-o", "xml");

        Assert.Equal(1, run.ExitCode);
        Assert.NotEqual("", run.Stderr);
    }

    [Fact]
    public async Task Status_BadGateway_IsAUsageError()
    {
        var run = await Cli.RunAsync(fixture.Client, "status", "--gateway", "no-port");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("HOST:PORT", run.Stderr, StringComparison.Ordinal);
    }
}
