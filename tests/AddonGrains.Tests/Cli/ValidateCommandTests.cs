namespace AddonGrains.Tests.Cli;

[Collection(CliClusterGroup.Name)]
public sealed class ValidateCommandTests(CliClusterFixture fixture)
{
    [Fact]
    public async Task Validate_Json_ReportsEachCheckAndExits5WhenOneFails()
    {
        var run = await Cli.RunAsync(fixture.Client, "validate", "-o", "json");

        Assert.Equal(5, run.ExitCode);
        Assert.False(run.Json.GetProperty("passed").GetBoolean());
        var checks = run.Json.GetProperty("checks").EnumerateArray().ToDictionary(c => c.GetProperty("subject").GetString()!);
        Assert.True(checks["ocm integration"].GetProperty("passed").GetBoolean());
        Assert.True(checks["organization golden"].GetProperty("passed").GetBoolean());
        Assert.Contains("managed clusters: 7, ready: 6", checks["organization golden"].GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.False(checks["jenkins ci-int job missing (manual/acm)"].GetProperty("passed").GetBoolean());
        Assert.Contains("404", checks["jenkins ci-int job missing (manual/acm)"].GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.False(checks["jenkins ci-int job disabled (manual/acm)"].GetProperty("passed").GetBoolean());
        Assert.Contains("2 of", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_Json_ShowsThePayloadATriggerWouldSend()
    {
        var run = await Cli.RunAsync(fixture.Client, "validate", "-o", "json");

        var checks = run.Json.GetProperty("checks").EnumerateArray().ToDictionary(c => c.GetProperty("subject").GetString()!);
        var e2e = checks["jenkins ci-int job e2e (golden/acm)"];
        Assert.True(e2e.GetProperty("passed").GetBoolean());
        Assert.Equal("buildWithParameters", e2e.GetProperty("endpoint").GetString());
        Assert.Equal(["ADDON_ID", "ADDON_VERSION", "PREVIOUS_ADDON_VERSION", "TRIGGER_ID"],
            e2e.GetProperty("declaredParameters").EnumerateArray().Select(p => p.GetString()));
        var payload = e2e.GetProperty("payload").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString());
        Assert.Equal(new Dictionary<string, string?>
        {
            ["ADDON_ID"] = "acm",
            ["ADDON_VERSION"] = "<version>",
            ["ENV"] = "int",
            ["PREVIOUS_ADDON_VERSION"] = "<previous-version>",
            ["TRIGGER_ID"] = "<trigger-id>",
        }, payload);
        var smoke = checks["jenkins ci-int job folder/smoke (golden/acm)"];
        Assert.Equal(("build", 0), (smoke.GetProperty("endpoint").GetString(), smoke.GetProperty("payload").EnumerateObject().Count()));
        Assert.Contains("at-least-once", smoke.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_Table_MatchesGolden()
    {
        var run = await Cli.RunAsync(fixture.Client, "validate");

        Assert.Equal(5, run.ExitCode);
        Golden.Verify("validate", run.Table);
    }

    [Fact]
    public async Task ValidateAsync_NeverShowsASecret()
    {
        var report = await fixture.Client.GetGrain<IValidationGrain>(IValidationGrain.Key).ValidateAsync(TestContext.Current.CancellationToken);

        Assert.DoesNotContain(report.Checks, c => c.Detail.Contains("s1", StringComparison.Ordinal) || c.Detail.Contains("t1", StringComparison.Ordinal));
        Assert.Equal(CliClusterFixture.Settings.Organizations.Sum(o => o.AddonUpgradeTests.Length) + 1 + CliClusterFixture.Settings.Organizations.Length,
            report.Checks.Length);
    }
}
