using System.Text.Json;

namespace AddonGrains.Tests.Cli;

/// <summary><c>pause</c> and <c>resume</c>: refusals and their exit codes, the paused row of <c>status</c>, a held convergence delivered once.</summary>
[Collection(CliClusterGroup.Name)]
public sealed class PauseCommandTests(CliClusterFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PauseAndResume_RefuseBadInput_ShowThePauseInStatus_HoldAndDeliverOnce()
    {
        fixture.Ocm.SetCluster("p-1", "p1");
        fixture.Ocm.SetAddon("p1", "acm", "1.0.0");
        var rollout = fixture.Rollout("paused", "acm");
        await rollout.CheckAsync(Ct);

        var withoutYes = await Cli.RunAsync(fixture.Client, "pause", "paused", "acm", "--reason", "change freeze");
        var withoutReason = await Cli.RunAsync(fixture.Client, "pause", "paused", "acm", "--yes");
        var badUntil = await Cli.RunAsync(fixture.Client, "pause", "paused", "acm", "--reason", "change freeze", "--until", "next week", "--yes");
        var pastUntil = await Cli.RunAsync(fixture.Client, "pause", "paused", "acm", "--reason", "change freeze", "--until", "2026-11-01T00:00:00Z", "--yes");
        var notPausedYet = (await rollout.GetStatusAsync(Ct)).Phase;
        var pause = await Cli.RunAsync(fixture.Client, "pause", "p-1", "acm", "--reason", "change freeze", "--until", "2026-12-24T18:00:00Z", "--yes");
        fixture.Ocm.SetAddon("p1", "acm", "1.1.0");
        await rollout.CheckAsync(Ct);
        var status = await Cli.RunAsync(fixture.Client, "status", "--org", "paused", "-o", "json");
        var table = await Cli.RunAsync(fixture.Client, "status", "--org", "paused");
        var verdict = await Cli.RunAsync(fixture.Client, "verdict", "paused", "acm");
        var heldBeforeResume = fixture.Triggers.For("paused").Length;
        var resumeWithoutYes = await Cli.RunAsync(fixture.Client, "resume", "paused", "acm", "--reason", "freeze over");
        var submissions = fixture.Triggers.Submissions;
        var resume = await Cli.RunAsync(fixture.Client, "resume", "paused", "acm", "--reason", "freeze over", "--yes");
        await rollout.CheckAsync(Ct);
        var after = await Cli.RunAsync(fixture.Client, "status", "--org", "paused", "-o", "json");
        var history = await Cli.RunAsync(fixture.Client, "history", "paused", "acm", "-o", "json");

        Assert.Equal(4, withoutYes.ExitCode);
        Assert.Contains("pause would hold every new trigger of paused/acm until 'resume'", withoutYes.Stderr, StringComparison.Ordinal);
        Assert.Contains("add --yes", withoutYes.Stderr, StringComparison.Ordinal);
        Assert.Equal(1, withoutReason.ExitCode);
        Assert.Contains("--reason", withoutReason.Stderr, StringComparison.Ordinal);
        Assert.Equal(4, badUntil.ExitCode);
        Assert.Contains("--until 'next week' is neither a time", badUntil.Stderr, StringComparison.Ordinal);
        Assert.Equal(4, pastUntil.ExitCode);
        Assert.Contains("--until 2026-11-01T00:00:00Z is in the past", pastUntil.Stderr, StringComparison.Ordinal);
        Assert.Equal(RolloutPhase.Idle, notPausedYet);
        Assert.Equal(0, pause.ExitCode);
        Assert.Contains("paused/acm: paused until 2026-12-24T18:00:00Z", pause.Table, StringComparison.Ordinal);
        var row = status.Json[0];
        Assert.Equal(("Paused", "1.1.0", 1), (row.GetProperty("phase").GetString(), row.GetProperty("lastKnownVersion").GetString(), row.GetProperty("heldTriggers").GetInt32()));
        var p = row.GetProperty("pause");
        Assert.Equal(("change freeze", "2026-12-24T18:00:00Z"), (p.GetProperty("reason").GetString(), p.GetProperty("until").GetString()));
        Assert.EndsWith("(unauthenticated)", p.GetProperty("actor").GetString(), StringComparison.Ordinal);
        Assert.Contains("Paused", table.Table, StringComparison.Ordinal);
        Assert.Contains("change freeze", table.Table, StringComparison.Ordinal);
        Assert.Equal(7, verdict.ExitCode);
        Assert.Equal(0, heldBeforeResume);
        Assert.Equal(4, resumeWithoutYes.ExitCode);
        Assert.Contains("hand its 1 held trigger(s) to Jenkins", resumeWithoutYes.Stderr, StringComparison.Ordinal);
        Assert.Equal(0, resume.ExitCode);
        Assert.Contains("resumed: 1 held trigger(s) handed to Jenkins", resume.Table, StringComparison.Ordinal);
        Assert.Equal("1.1.0", Assert.Single(fixture.Triggers.For("paused")).Event.Version);
        Assert.Equal(1, fixture.Triggers.Submissions - submissions);
        var audit = history.Json.EnumerateArray().Where(r => r.GetProperty("triggerId").ValueKind == JsonValueKind.Null)
            .Select(r => (r.GetProperty("direction").GetString(), r.GetProperty("reason").GetString())).ToList();
        Assert.Equal([("resume", "freeze over"), ("pause", "change freeze")], audit);
        Assert.Equal(("Idle", JsonValueKind.Null), (after.Json[0].GetProperty("phase").GetString(), after.Json[0].GetProperty("pause").ValueKind));
    }
}
