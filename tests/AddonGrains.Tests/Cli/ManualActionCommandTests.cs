using System.Text.Json;

namespace AddonGrains.Tests.Cli;

[Collection(CliClusterGroup.Name)]
public sealed class ManualActionCommandTests(CliClusterFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Retrigger_WithoutYes_ExplainsAndExits4WithoutTriggering()
    {
        var before = (await fixture.Rollout("manual", "acm").GetHistoryAsync(Ct)).Length;

        var run = await Cli.RunAsync(fixture.Client, "retrigger", "manual", "acm", "--job", "e2e");

        Assert.Equal(4, run.ExitCode);
        Assert.Contains("would create a new manual trigger of job e2e for manual/acm", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("--yes", run.Stderr, StringComparison.Ordinal);
        Assert.Equal(before, (await fixture.Rollout("manual", "acm").GetHistoryAsync(Ct)).Length);
    }

    [Fact]
    public async Task Retrigger_WithYes_CreatesAManualTrigger()
    {
        var run = await Cli.RunAsync(fixture.Client, "retrigger", "m-1", "acm", "--job", "e2e", "--instance", "ci-int", "--yes", "-o", "json");

        Assert.Equal(0, run.ExitCode);
        Assert.True(run.Json.GetProperty("accepted").GetBoolean());
        var triggerId = run.Json.GetProperty("triggerId").GetString();
        var history = await Cli.RunAsync(fixture.Client, "history", "manual", "acm", "-o", "json");
        var newest = history.Json.EnumerateArray().First(t => t.GetProperty("triggerId").GetString() == triggerId);
        Assert.Equal(("manual", "e2e"), (newest.GetProperty("direction").GetString(), newest.GetProperty("job").GetString()));
    }

    [Fact]
    public async Task Retrigger_Table_PrintsTheGrainsMessage()
    {
        var run = await Cli.RunAsync(fixture.Client, "retrigger", "manual", "acm", "--job", "e2e", "--yes");

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("manual/acm: trigger ag-", run.Table, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Retrigger_GrainRefuses_Exits4WithItsMessage()
    {
        var run = await Cli.RunAsync(fixture.Client, "retrigger", "dark", "acm", "--job", "e2e", "--yes");

        Assert.Equal(4, run.ExitCode);
        Assert.Contains("no last known version", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Retrigger_UnsubscribedJob_Exits4ListingSubscribedJobs()
    {
        var run = await Cli.RunAsync(fixture.Client, "retrigger", "manual", "acm", "--job", "nope", "--yes", "-o", "json");

        Assert.Equal(4, run.ExitCode);
        Assert.False(run.Json.GetProperty("accepted").GetBoolean());
        Assert.Contains("subscribed: e2e (instance ci-int)", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Retrigger_WithoutJob_IsAUsageError()
    {
        var run = await Cli.RunAsync(fixture.Client, "retrigger", "manual", "acm", "--yes");

        Assert.Equal(1, run.ExitCode);
    }

    [Fact]
    public async Task Baseline_WithoutYes_ExplainsAndExits4WithoutChanging()
    {
        var run = await Cli.RunAsync(fixture.Client, "baseline", "base", "acm", "--version", "9.9.9");

        Assert.Equal(4, run.ExitCode);
        Assert.Contains("would set the last known version of base/acm to 9.9.9", run.Stderr, StringComparison.Ordinal);
        Assert.NotEqual("9.9.9", (await fixture.Rollout("base", "acm").GetStatusAsync(Ct)).LastKnownVersion);
    }

    [Fact]
    public async Task Baseline_WithYes_SetsTheLastKnownVersion()
    {
        var run = await Cli.RunAsync(fixture.Client, "baseline", "b-1", "acm", "--version", "3.1.0", "--yes", "-o", "json");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(JsonValueKind.Null, run.Json.GetProperty("triggerId").ValueKind);
        Assert.Equal("3.1.0", (await fixture.Rollout("base", "acm").GetStatusAsync(Ct)).LastKnownVersion);
    }

    [Fact]
    public async Task Baseline_UnknownOrganization_Exits2()
    {
        var run = await Cli.RunAsync(fixture.Client, "baseline", "nope", "acm", "--version", "1.0.0", "--yes");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("Known organizations", run.Stderr, StringComparison.Ordinal);
    }
}
