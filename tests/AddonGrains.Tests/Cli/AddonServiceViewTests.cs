namespace AddonGrains.Tests.Cli;

/// <summary>
/// <c>status</c> and <c>clusters</c> show the add-on service's desired version and the condition that held a cluster
/// back (organization <c>held</c>, scripted by the fixture: h1 done, h2 on the target with <c>UpgradeSucceeded=False</c>,
/// h3 scheduled to move).
/// </summary>
[Collection(CliClusterGroup.Name)]
public sealed class AddonServiceViewTests(CliClusterFixture fixture)
{
    [Fact]
    public async Task Clusters_ShowDesiredVersionAndTheHoldingCondition()
    {
        var json = await Cli.RunAsync(fixture.Client, "clusters", "held", "acm", "-o", "json");
        var table = await Cli.RunAsync(fixture.Client, "clusters", "held", "acm");

        var rows = json.Json.EnumerateArray().ToDictionary(r => r.GetProperty("clusterId").GetString()!);
        Assert.Equal("UpgradeSucceeded=False: UpgradeFailed", rows["h2"].GetProperty("heldBy").GetString());
        Assert.Equal("1.0.9", rows["h3"].GetProperty("desiredVersion").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, rows["h1"].GetProperty("heldBy").ValueKind);
        Assert.Contains("UpgradeSucceeded=False: UpgradeFailed", table.Table, StringComparison.Ordinal);
        Assert.Contains("1.0.9", table.Table, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_NamesTheStragglersWithWhatHoldsThem()
    {
        var json = await Cli.RunAsync(fixture.Client, "status", "--org", "held", "-o", "json");
        var table = await Cli.RunAsync(fixture.Client, "status", "--org", "held");

        var acm = Assert.Single(json.Json.EnumerateArray().ToList());
        Assert.Equal("RollingOut", acm.GetProperty("phase").GetString());
        var stragglers = acm.GetProperty("stragglers").EnumerateArray().ToDictionary(s => s.GetProperty("clusterId").GetString()!);
        Assert.Equal(["h2", "h3"], stragglers.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("UpgradeSucceeded=False: UpgradeFailed", stragglers["h2"].GetProperty("heldBy").GetString());
        Assert.Equal(("1.0.9", "on 1.1.0, desired 1.0.9"), (stragglers["h3"].GetProperty("desiredVersion").GetString(), stragglers["h3"].GetProperty("reason").GetString()));
        Assert.True(table.Table.Contains("name-h2 (UpgradeSucceeded=False: UpgradeFailed)", StringComparison.Ordinal), table.Table);
        // The column wraps between a name and its note.
        Assert.True(table.Table.Contains("name-h3", StringComparison.Ordinal) && table.Table.Contains("(desired 1.0.9)", StringComparison.Ordinal), table.Table);
    }
}
