using AddonGrains.GrainInterfaces;
using AddonGrains.IntegrationTests.Processes;

namespace AddonGrains.IntegrationTests.Crashes;

/// <summary>
/// Issue 10 §5: PostgreSQL restarted (<c>pg_ctl restart</c>) in the middle of a rollout and again while a trigger
/// is being delivered: nothing is lost, each job builds once, and the same silo process recovers by itself.
/// Issue 15: two busy loops run beside it (started and stopped by the test), so that timing cannot hide a state
/// write that failed and left a trigger stuck.
/// </summary>
[Collection(ProcessGroup.Name)]
[Trait("Category", "Chaos")]
public sealed class PostgresRestartTests(PostgresFixture postgres)
{
    private static readonly string[] Clusters = ["p1", "p2"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PostgresRestartedMidRolloutAndDuringDispatch_SiloRecoversAndEachJobBuildsOnce()
    {
        Assert.SkipUnless(postgres.OwnsServer, "needs the throwaway server (ConnectionStrings__OrleansTest points elsewhere)");
        using var load = BusyLoops.Start(2);
        await using var scenario = await ProcessScenario.StartAsync(postgres, TimeSpan.FromSeconds(3), Clusters, Ct);
        scenario.SetVersion("7.0.0", Clusters);
        var silo = await scenario.StartSiloAsync(ct: Ct);
        await scenario.WaitForStatusAsync(s => s.LastKnownVersion == "7.0.0", "the baseline", Ct);

        scenario.SetVersion("7.1.0", "p1");
        await scenario.WaitForStatusAsync(s => s.Phase == RolloutPhase.RollingOut, "the rollout to be seen", Ct);
        await postgres.RestartAsync(Ct);
        scenario.SetVersion("7.1.0", "p2");
        await scenario.WaitAsync(() => Task.FromResult(scenario.Jenkins.Builds(ProcessScenario.ParameterizedJob).Any(b => b.Building)),
            TimeSpan.FromSeconds(90), "the build to be running", Ct);
        await postgres.RestartAsync(Ct);
        var history = await scenario.WaitForTriggersAsync(2, SiloCrashTests.Finished, "both triggers to finish", Ct);
        await silo.WaitUntilReadyAsync(TimeSpan.FromSeconds(30), Ct);

        Assert.True(load.Running, "the busy loops stopped before the end of the test");
        Assert.False(silo.HasExited);
        Assert.All(history, t => Assert.Equal((TriggerStatus.Succeeded, "7.1.0"), (t.Status, t.Version)));
        Assert.Single(scenario.Jenkins.Builds(ProcessScenario.ParameterizedJob));
        Assert.Single(scenario.Jenkins.Builds(ProcessScenario.PlainJob));
        Assert.Equal("7.1.0", (await scenario.ReadAsync(g => g.GetStatusAsync(Ct), Ct)).LastKnownVersion);
    }
}
