using AddonGrains.GrainInterfaces;
using AddonGrains.IntegrationTests.Crashes;
using AddonGrains.IntegrationTests.Processes;

namespace AddonGrains.IntegrationTests.History;

/// <summary>
/// On a real silo process and PostgreSQL: with <c>history.keep: 2</c> the stored rollout state keeps the
/// triggers of the last two events, and a silo killed and restarted reads that bounded state back and keeps the bound.
/// </summary>
[Collection(RestartProcessGroup.Name)]
public sealed class HistoryBoundRestartTests(PostgresFixture postgres)
{
    private static readonly string[] Clusters = ["c1"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<string> RetriggerAndFinishAsync(ProcessScenario scenario)
    {
        var result = await scenario.ReadAsync(g => g.RetriggerAsync(ProcessScenario.PlainJob, null, new OperatorRequest("history bound test", "tester", "localhost", null), Ct), Ct);
        Assert.True(result.Accepted, result.Message);
        await scenario.WaitForTriggersAsync(1, t => t.Request.TriggerId == result.TriggerId && SiloCrashTests.Finished(t), $"trigger {result.TriggerId} to finish", Ct);
        return result.TriggerId!;
    }

    [Fact]
    public async Task ManyEvents_StoredHistoryStaysBounded_AcrossASiloRestart()
    {
        await using var scenario = await ProcessScenario.StartAsync(postgres, TimeSpan.FromMilliseconds(100), Clusters, Ct);
        await File.AppendAllTextAsync(scenario.ConfigPath, "\nhistory: { keep: 2, triggerStateRetention: 30d }\n", Ct);
        scenario.SetVersion("1.0.0", Clusters);
        var silo = await scenario.StartSiloAsync(ct: Ct);
        await scenario.WaitForStatusAsync(s => s.LastKnownVersion == "1.0.0", "the baseline", Ct);
        var ids = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            ids.Add(await RetriggerAndFinishAsync(scenario));
        }

        var beforeRestart = await scenario.ReadAsync(g => g.GetHistoryAsync(Ct), Ct);
        silo.Kill();
        await scenario.StartSiloAsync(name: "silo-restarted", replacing: silo, ct: Ct);
        var afterRestart = await scenario.ReadAsync(g => g.GetHistoryAsync(Ct), Ct);
        ids.Add(await RetriggerAndFinishAsync(scenario));
        var afterNextEvent = await scenario.ReadAsync(g => g.GetHistoryAsync(Ct), Ct);

        Assert.Equal([ids[3], ids[2]], beforeRestart.Select(t => t.Request.TriggerId));
        Assert.Equal([ids[3], ids[2]], afterRestart.Select(t => t.Request.TriggerId));
        Assert.All(afterRestart, t => Assert.Equal(TriggerStatus.Succeeded, t.Delivery.Status));
        Assert.Equal([ids[4], ids[3]], afterNextEvent.Select(t => t.Request.TriggerId));
    }
}
