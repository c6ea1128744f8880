using System.Diagnostics.Metrics;
using System.Text.Json;

namespace AddonGrains.Tests.Cli;

/// <summary><c>verdict</c>: its exit codes through a version's life (none, pending, failed, retriggered, passed), <c>--wait</c> and the gauge.</summary>
[Collection(CliClusterGroup.Name)]
public sealed class VerdictCommandTests(CliClusterFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string[] Ids(CliRun run) => [.. run.Json.GetProperty("jobs").EnumerateArray().Select(j => j.GetProperty("triggerId").GetString()!)];

    [Fact]
    public async Task Verdict_FollowsTheVersion_NoneThenPendingThenFailedThenPassedAfterARetrigger()
    {
        fixture.Ocm.SetCluster("v-1", "v1");
        fixture.Ocm.SetAddon("v1", "acm", "1.0.0");
        await fixture.Rollout("verdict", "acm").CheckAsync(Ct);
        var none = await Cli.RunAsync(fixture.Client, "verdict", "verdict", "acm");
        var unknown = await Cli.RunAsync(fixture.Client, "verdict", "v-1", "acm", "--version", "9.9.9", "-o", "json");

        fixture.Ocm.SetAddon("v1", "acm", "1.1.0");
        await fixture.Rollout("verdict", "acm").CheckAsync(Ct);
        var pending = await Cli.RunAsync(fixture.Client, "verdict", "verdict", "acm", "-o", "json");
        var baseline = await Cli.RunAsync(fixture.Client, "verdict", "verdict", "acm", "--version", "1.0.0", "-o", "json");
        var (e2e, smoke) = (Ids(pending)[0], Ids(pending)[1]);
        fixture.Triggers.SetStatus(e2e, TriggerStatus.Succeeded);
        fixture.Triggers.SetStatus(smoke, TriggerStatus.Unstable);
        var failed = await Cli.RunAsync(fixture.Client, "verdict", "verdict", "acm", "--version", "1.1.0", "-o", "json");
        var failedTable = await Cli.RunAsync(fixture.Client, "verdict", "verdict", "acm");

        var retrigger = await Cli.RunAsync(fixture.Client, "retrigger", "verdict", "acm", "--job", "folder/smoke", "--reason", "flaky", "--yes", "-o", "json");
        var retried = await Cli.RunAsync(fixture.Client, "verdict", "verdict", "acm", "-o", "json");
        fixture.Triggers.SetStatus(retrigger.Json.GetProperty("triggerId").GetString()!, TriggerStatus.Succeeded);
        var passed = await Cli.RunAsync(fixture.Client, "verdict", "verdict", "acm", "-o", "json");
        await fixture.Rollout("verdict", "acm").CheckAsync(Ct);
        var gauge = VerdictGauge("verdict");

        Assert.Equal(8, none.ExitCode);
        Assert.StartsWith("verdict/acm 1.0.0: none (nothing was triggered", none.Table, StringComparison.Ordinal);
        Assert.Equal((2, "unknown"), (unknown.ExitCode, unknown.Json.GetProperty("verdict").GetString()));
        Assert.Contains("version 9.9.9 is not known for verdict/acm (last known: 1.0.0", unknown.Stderr, StringComparison.Ordinal);
        Assert.Equal((7, "pending", "1.1.0"), (pending.ExitCode, pending.Json.GetProperty("verdict").GetString(), pending.Json.GetProperty("version").GetString()));
        var job = pending.Json.GetProperty("jobs")[0];
        Assert.Equal(("ci-int", "e2e", "upgrade", "Pending"), (job.GetProperty("instance").GetString(), job.GetProperty("job").GetString(),
            job.GetProperty("direction").GetString(), job.GetProperty("status").GetString()));
        Assert.Equal(JsonValueKind.Null, job.GetProperty("buildUrl").ValueKind); // the recording pipeline never builds; the process test sees real URLs
        Assert.Equal((8, "none"), (baseline.ExitCode, baseline.Json.GetProperty("verdict").GetString()));
        Assert.Equal((6, "failed", "failed: ci-int/folder/smoke Unstable"), (failed.ExitCode, failed.Json.GetProperty("verdict").GetString(), failed.Json.GetProperty("reason").GetString()));
        Assert.Contains("failed (failed: ci-int/folder/smoke Unstable)", failedTable.Table, StringComparison.Ordinal);
        Assert.Contains("Unstable", failedTable.Table, StringComparison.Ordinal);
        Assert.Equal((7, "pending"), (retried.ExitCode, retried.Json.GetProperty("verdict").GetString()));
        Assert.Equal([e2e, retrigger.Json.GetProperty("triggerId").GetString()!], Ids(retried));
        Assert.Equal((0, "passed", "all 2 jobs succeeded", ""), (passed.ExitCode, passed.Json.GetProperty("verdict").GetString(), passed.Json.GetProperty("reason").GetString(), passed.Stderr));
        Assert.Equal(("1.1.0", "passed", 1L), gauge);
    }

    [Fact]
    public async Task VerdictWait_ForAVersionRecordedDuringTheWait_AnswersWhenItIsFinal_AndWhatItKnowsWhenTimeIsUp()
    {
        fixture.Ocm.SetCluster("w-1", "w1");
        fixture.Ocm.SetAddon("w1", "acm", "1.0.0");
        await fixture.Rollout("waited", "acm").CheckAsync(Ct);

        var waiting = Cli.RunAsync(fixture.Client, "verdict", "waited", "acm", "--version", "2.0.0", "--wait", "3m", "-o", "json");
        fixture.Ocm.SetAddon("w1", "acm", "2.0.0");
        await fixture.Rollout("waited", "acm").CheckAsync(Ct);
        var trigger = Assert.Single(fixture.Triggers.For("waited"));
        var pendingUntilTimeIsUp = await Cli.RunAsync(fixture.Client, "verdict", "waited", "acm", "--wait", "1s");
        var unknownUntilTimeIsUp = await Cli.RunAsync(fixture.Client, "verdict", "waited", "acm", "--version", "3.0.0", "--wait", "1s");
        var stillWaiting = !waiting.IsCompleted;
        fixture.Triggers.SetStatus(trigger.TriggerId, TriggerStatus.Succeeded);
        var passed = await waiting.WaitAsync(TimeSpan.FromMinutes(3), Ct);
        var badWait = await Cli.RunAsync(fixture.Client, "verdict", "waited", "acm", "--wait", "soon");

        Assert.Equal((7, 2), (pendingUntilTimeIsUp.ExitCode, unknownUntilTimeIsUp.ExitCode));
        Assert.True(stillWaiting);
        Assert.Equal((0, "passed", "2.0.0"), (passed.ExitCode, passed.Json.GetProperty("verdict").GetString(), passed.Json.GetProperty("version").GetString()));
        Assert.Equal(trigger.TriggerId, passed.Json.GetProperty("jobs")[0].GetProperty("triggerId").GetString());
        Assert.Equal(1, badWait.ExitCode);
        Assert.Contains("--wait 'soon' is not a duration", badWait.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verdict_UnknownOrganization_Exits2ListingTheKnownOnes()
    {
        var run = await Cli.RunAsync(fixture.Client, "verdict", "nope", "acm");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("Known organizations", run.Stderr, StringComparison.Ordinal);
    }

    /// <summary>The <c>addongrains.version.verdict</c> measurement of <paramref name="organization"/>/acm: version, verdict, value.</summary>
    private static (string? Version, string? Verdict, long Value) VerdictGauge(string organization)
    {
        var found = new List<(string?, string?, long)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == "AddonGrains" && instrument.Name == "addongrains.version.verdict")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            var t = tags.ToArray().ToDictionary(k => k.Key, k => k.Value as string);
            if (t.GetValueOrDefault("organization") == organization && t.GetValueOrDefault("addon") == "acm")
            {
                found.Add((t.GetValueOrDefault("version"), t.GetValueOrDefault("verdict"), value));
            }
        });
        listener.Start();
        listener.RecordObservableInstruments();
        return Assert.Single(found);
    }
}
