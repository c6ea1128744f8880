using AddonGrains.GrainInterfaces;
using AddonGrains.IntegrationTests.Processes;
using Microsoft.Extensions.Time.Testing;

namespace AddonGrains.IntegrationTests.Crashes;

/// <summary>
/// PostgreSQL restarted (<c>pg_ctl restart</c>) in the middle of a rollout, and down while the builds
/// run: nothing is lost, each job builds once, and the same silo process recovers by itself.
/// Two busy loops run beside it (started and stopped by the test), and Jenkins runs on a clock the test
/// drives, so the database is down exactly when the builds end and the triggers' follow-up writes fail — the moment
/// a trigger used to stay unfinished for good — whatever the timing of the machine.
/// </summary>
[Trait("Category", "Chaos")]
public sealed class PostgresRestartTests : IAsyncLifetime
{
    private readonly PostgresFixture _postgres = new();
    private static readonly string[] Clusters = ["p1", "p2"];
    private static readonly string[] Jobs = [ProcessScenario.ParameterizedJob, ProcessScenario.PlainJob];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => _postgres.InitializeAsync();

    public ValueTask DisposeAsync() => _postgres.DisposeAsync();

    [Fact]
    public async Task PostgresRestartedMidRolloutAndDuringDispatch_SiloRecoversAndEachJobBuildsOnce()
    {
        Assert.SkipUnless(_postgres.OwnsServer, "needs the throwaway server (ConnectionStrings__OrleansTest points elsewhere)");
        using var load = BusyLoops.Start(2);
        var jenkinsClock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var scenario = await ProcessScenario.StartAsync(_postgres, TimeSpan.FromSeconds(3), Clusters, jenkinsClock, Ct);
        scenario.SetVersion("7.0.0", Clusters);
        var silo = await scenario.StartSiloAsync(ct: Ct);
        await scenario.WaitForStatusAsync(s => s.LastKnownVersion == "7.0.0", "the baseline", Ct);

        scenario.SetVersion("7.1.0", "p1");
        await scenario.WaitForStatusAsync(s => s.Phase == RolloutPhase.RollingOut, "the rollout to be seen", Ct);
        await _postgres.RestartAsync(Ct);
        scenario.SetVersion("7.1.0", "p2");
        await scenario.WaitAsync(() => Task.FromResult(Jobs.All(j => scenario.Jenkins.QueueItems.Any(i => i.JobPath == j))),
            TimeSpan.FromSeconds(90), "both jobs to be queued", Ct);
        jenkinsClock.Advance(TimeSpan.FromSeconds(1));
        await scenario.WaitAsync(() => Task.FromResult(Jobs.All(j => scenario.Jenkins.Builds(j).Any(b => b.Building))),
            TimeSpan.FromSeconds(30), "both builds to run", Ct);

        await _postgres.StopAsync(Ct);
        var stoppedAt = silo.Output.Count;
        jenkinsClock.Advance(TimeSpan.FromSeconds(10));
        await scenario.WaitAsync(() => Task.FromResult(silo.Output.Skip(stoppedAt).Any(IsTriggerWriteFailure)),
            TimeSpan.FromSeconds(60), "a trigger's state write to fail while the database is down", Ct);
        await _postgres.StartAsync(Ct);
        var history = await scenario.WaitForTriggersAsync(2, SiloCrashTests.Finished, "both triggers to finish", Ct);
        await scenario.WaitAsync(() => Task.FromResult(history.All(t => silo.Output.Any(l => l.Contains($"Trigger {t.Request.TriggerId} ended", StringComparison.Ordinal)))),
            TimeSpan.FromSeconds(60), "both triggers to log their end, which follows the write that stores it", Ct);
        await silo.WaitUntilReadyAsync(TimeSpan.FromSeconds(30), Ct);

        Assert.True(load.Running, "the busy loops stopped before the end of the test");
        Assert.False(silo.HasExited);
        Assert.All(history, t => Assert.Equal((TriggerStatus.Succeeded, "7.1.0"), (t.Delivery.Status, t.Request.Event.Version)));
        Assert.Single(scenario.Jenkins.Builds(ProcessScenario.ParameterizedJob));
        Assert.Single(scenario.Jenkins.Builds(ProcessScenario.PlainJob));
        Assert.Equal("7.1.0", (await scenario.ReadAsync(g => g.GetStatusAsync(Ct), Ct)).LastKnownVersion);
    }

    private static bool IsTriggerWriteFailure(string line) =>
        line.Contains("Error writing grain state", StringComparison.Ordinal) && line.Contains("GrainType=trigger", StringComparison.Ordinal);
}
