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

        var run = await Cli.RunAsync(fixture.Client, "retrigger", "--reason", "test run", "manual", "acm", "--job", "e2e");

        Assert.Equal(4, run.ExitCode);
        Assert.Contains("would create a new manual trigger of job e2e for manual/acm", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("--yes", run.Stderr, StringComparison.Ordinal);
        Assert.Equal(before, (await fixture.Rollout("manual", "acm").GetHistoryAsync(Ct)).Length);
    }

    [Fact]
    public async Task Retrigger_WithYes_CreatesAManualTrigger()
    {
        var run = await Cli.RunAsync(fixture.Client, "retrigger", "--reason", "test run", "m-1", "acm", "--job", "e2e", "--instance", "ci-int", "--yes", "-o", "json");

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
        var run = await Cli.RunAsync(fixture.Client, "retrigger", "--reason", "test run", "manual", "acm", "--job", "e2e", "--yes");

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("manual/acm: trigger ag-", run.Table, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Retrigger_GrainRefuses_Exits4WithItsMessage()
    {
        var run = await Cli.RunAsync(fixture.Client, "retrigger", "--reason", "test run", "dark", "acm", "--job", "e2e", "--yes");

        Assert.Equal(4, run.ExitCode);
        Assert.Contains("no last known version", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Retrigger_UnsubscribedJob_Exits4ListingSubscribedJobs()
    {
        var run = await Cli.RunAsync(fixture.Client, "retrigger", "--reason", "test run", "manual", "acm", "--job", "nope", "--yes", "-o", "json");

        Assert.Equal(4, run.ExitCode);
        Assert.False(run.Json.GetProperty("accepted").GetBoolean());
        Assert.Contains("subscribed: e2e (instance ci-int)", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Retrigger_WithoutJob_IsAUsageError()
    {
        var run = await Cli.RunAsync(fixture.Client, "retrigger", "--reason", "test run", "manual", "acm", "--yes");

        Assert.Equal(1, run.ExitCode);
    }

    [Fact]
    public async Task Baseline_WithoutYes_ExplainsAndExits4WithoutChanging()
    {
        var run = await Cli.RunAsync(fixture.Client, "baseline", "--reason", "test run", "base", "acm", "--version", "9.9.9");

        Assert.Equal(4, run.ExitCode);
        Assert.Contains("would set the last known version of base/acm to 9.9.9", run.Stderr, StringComparison.Ordinal);
        Assert.NotEqual("9.9.9", (await fixture.Rollout("base", "acm").GetStatusAsync(Ct)).LastKnownVersion);
    }

    [Fact]
    public async Task Baseline_WithYes_SetsTheLastKnownVersion()
    {
        var run = await Cli.RunAsync(fixture.Client, "baseline", "--reason", "test run", "b-1", "acm", "--version", "3.1.0", "--yes", "-o", "json");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(JsonValueKind.Null, run.Json.GetProperty("triggerId").ValueKind);
        Assert.Equal("3.1.0", (await fixture.Rollout("base", "acm").GetStatusAsync(Ct)).LastKnownVersion);
    }

    [Fact]
    public async Task Baseline_UnknownOrganization_Exits2()
    {
        var run = await Cli.RunAsync(fixture.Client, "baseline", "--reason", "test run", "nope", "acm", "--version", "1.0.0", "--yes");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("Known organizations", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Retrigger_WithoutReason_IsAUsageErrorAndTriggersNothing()
    {
        var before = (await fixture.Rollout("manual", "acm").GetHistoryAsync(Ct)).Length;

        var run = await Cli.RunAsync(fixture.Client, "retrigger", "manual", "acm", "--job", "e2e", "--yes");
        var blank = await Cli.RunAsync(fixture.Client, "baseline", "base", "acm", "--version", "1.0.0", "--reason", " ", "--yes");

        Assert.Equal((1, 1), (run.ExitCode, blank.ExitCode));
        Assert.Contains("--reason", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("--reason must not be empty", blank.Stderr, StringComparison.Ordinal);
        Assert.Equal(before, (await fixture.Rollout("manual", "acm").GetHistoryAsync(Ct)).Length);
    }

    [Fact]
    public async Task Retrigger_WithReason_HistoryShowsActorAndReason()
    {
        var run = await Cli.RunAsync(fixture.Client, "retrigger", "manual", "acm", "--job", "e2e", "--reason", "flaky run #42", "--yes", "-o", "json");
        var triggerId = run.Json.GetProperty("triggerId").GetString();

        var history = await Cli.RunAsync(fixture.Client, "history", "manual", "acm", "-o", "json");
        var table = await Cli.RunAsync(fixture.Client, "history", "manual", "acm");

        var row = history.Json.EnumerateArray().Single(t => t.GetProperty("triggerId").GetString() == triggerId);
        Assert.Equal("flaky run #42", row.GetProperty("reason").GetString());
        Assert.Equal($"{Environment.UserName}@{Environment.MachineName} (unauthenticated)", row.GetProperty("actor").GetString());
        Assert.Contains("flaky run #42", table.Table, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Baseline_WithReason_IsAHistoryRowWithActorAndReason()
    {
        var run = await Cli.RunAsync(fixture.Client, "baseline", "base", "acm", "--version", "3.2.0", "--reason", "skip broken 3.1", "--yes");
        var history = await Cli.RunAsync(fixture.Client, "history", "base", "acm", "-o", "json");

        Assert.Equal(0, run.ExitCode);
        var row = history.Json.EnumerateArray().First(t => t.GetProperty("direction").GetString() == "baseline" && t.GetProperty("version").GetString() == "3.2.0");
        Assert.Equal(JsonValueKind.Null, row.GetProperty("triggerId").ValueKind);
        Assert.Equal(("skip broken 3.1", "Recorded"), (row.GetProperty("reason").GetString(), row.GetProperty("status").GetString()));
        Assert.EndsWith("(unauthenticated)", row.GetProperty("actor").GetString(), StringComparison.Ordinal);
    }
}
