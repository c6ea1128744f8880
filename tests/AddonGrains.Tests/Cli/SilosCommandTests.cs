using AddonGrains.Client;

namespace AddonGrains.Tests.Cli;

/// <summary><c>addongrains silos [--all]</c> (docs/cli.md).</summary>
[Collection(CliClusterGroup.Name)]
public sealed class SilosCommandTests(CliClusterFixture fixture)
{
    private static readonly string[] Fields = ["name", "address", "gateway", "status", "startedAt", "activations", "configHash"];
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Silos_Json_ListsTheActiveSiloWithContractFields()
    {
        var run = await Cli.RunAsync(fixture.Client, "silos", "-o", "json");

        Assert.Equal(0, run.ExitCode);
        var silo = Assert.Single(run.Json.EnumerateArray());
        Assert.Equal(Fields, silo.EnumerateObject().Select(p => p.Name));
        Assert.Equal("Active", silo.GetProperty("status").GetString());
        Assert.Matches(@"^127\.0\.0\.1:\d+$", silo.GetProperty("address").GetString());
        Assert.Matches(@"^127\.0\.0\.1:\d+$", silo.GetProperty("gateway").GetString());
        Assert.True(silo.GetProperty("activations").GetInt32() > 0);
        Assert.EndsWith("Z", silo.GetProperty("startedAt").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Silos_ShowEachSilosReportedConfigHash_InJsonAndTable()
    {
        var silo = Assert.Single(fixture.Cluster.Silos).SiloAddress;
        var registry = fixture.Client.GetGrain<GrainInterfaces.IRegistryGrain>(GrainInterfaces.IRegistryGrain.Key);
        await registry.ReportSiloConfigAsync(silo.ToParsableString(), "c0ffee0123456789", TestContext.Current.CancellationToken);

        var json = await Cli.RunAsync(fixture.Client, "silos", "-o", "json");
        var table = await Cli.RunAsync(fixture.Client, "silos");

        Assert.Equal("c0ffee0123456789", Assert.Single(json.Json.EnumerateArray()).GetProperty("configHash").GetString());
        Assert.Contains("Config", table.Table, StringComparison.Ordinal);
        Assert.Contains("c0ffee0123456789", table.Table, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Silos_Table_ShowsOneRowPerMember()
    {
        var run = await Cli.RunAsync(fixture.Client, "silos");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Activations", run.Table, StringComparison.Ordinal);
        Assert.Matches(@"127\.0\.0\.1:\d+ .*Active", run.Table);
    }

    [Fact]
    public void Visible_DeadMembersOlderThanAnHour_OnlyWithAll()
    {
        SiloMember[] members =
        [
            Member("b", "Active", Now.AddHours(-5)),
            Member("a", "Dead", Now.AddMinutes(-30)),
            Member("old", "Dead", Now.AddHours(-2)),
            Member("c", "Joining", Now),
        ];

        Assert.Equal(["b", "c", "a"], SiloMember.Visible(members, Now, all: false).Select(m => m.Name));
        Assert.Equal(["b", "c", "a", "old"], SiloMember.Visible(members, Now, all: true).Select(m => m.Name));
    }

    private static SiloMember Member(string name, string status, DateTimeOffset lastAlive) =>
        new(name, "10.0.0.1:11111", null, status, lastAlive.AddMinutes(-1), lastAlive, null);
}
