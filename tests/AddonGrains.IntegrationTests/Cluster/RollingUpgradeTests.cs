using System.Diagnostics;
using AddonGrains.GrainInterfaces;
using AddonGrains.IntegrationTests.Crashes;
using AddonGrains.IntegrationTests.Processes;

namespace AddonGrains.IntegrationTests.Cluster;

/// <summary>
/// Issue 14: a rolling upgrade of three silo hosts while a rollout is in progress. Each silo in turn gets SIGTERM and a
/// new process on the same address and ports; no trigger is lost or doubled. Records the longest time the CLI could
/// not answer.
/// </summary>
[Collection(ProcessGroup.Name)]
[Trait("Category", "Cluster")]
public sealed class RollingUpgradeTests(PostgresFixture postgres)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ReplaceEachSiloInTurn_DuringRollout_EachJobFiresOnceAndCliKeepsAnswering()
    {
        await using var scenario = await ProcessScenario.StartAsync(postgres, TimeSpan.FromMilliseconds(300), ThreeHosts.Clusters, Ct);
        scenario.SetVersion("1.0.0", ThreeHosts.Clusters);
        var silos = await ThreeHosts.StartAsync(scenario, ThreeHosts.Addresses, Ct);
        await scenario.WaitForStatusAsync(s => s.LastKnownVersion == "1.0.0", "the baseline", Ct);
        scenario.SetVersion("2.0.0", ThreeHosts.Clusters[0]);
        await scenario.WaitForStatusAsync(s => s.Phase == RolloutPhase.RollingOut, "the rollout in progress", Ct);

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var cli = Task.Run(() => MeasureCliAsync(scenario, stop.Token), Ct);
        for (var i = 0; i < silos.Length; i++)
        {
            Assert.Equal(0, await silos[i].StopAsync(TimeSpan.FromSeconds(60), Ct));
            silos[i] = await scenario.StartSiloAsync(ThreeHosts.Membership, $"host{i + 1}-v2", replacing: silos[i], ct: Ct);
            if (i + 1 < ThreeHosts.Clusters.Length)
            {
                scenario.SetVersion("2.0.0", ThreeHosts.Clusters[i + 1]);
            }
        }

        var history = await scenario.WaitForTriggersAsync(2, t => t.Version == "2.0.0" && SiloCrashTests.Finished(t), "both triggers finished", Ct);
        await ThreeHosts.WaitForActiveAsync(scenario, ThreeHosts.Addresses, "the three replaced silos Active");
        await stop.CancelAsync();
        var (answers, failures, longestGap) = await cli;

        Figures.Record($"rolling upgrade (3 silos, SIGTERM + restart on the same address, ProbeTimeout 1s): {answers} CLI answers, {failures} failed; longest time without a CLI answer {longestGap.TotalSeconds:0.0}s");
        Assert.Equal(2, history.Length);
        Assert.All(history, t => Assert.Equal(TriggerStatus.Succeeded, t.Status));
        Assert.Single(scenario.Jenkins.Builds(ProcessScenario.ParameterizedJob));
        Assert.Single(scenario.Jenkins.Builds(ProcessScenario.PlainJob));
        Assert.True(answers > 0, "the CLI never answered during the upgrade");
    }

    /// <summary>Runs <c>status</c> back to back; the longest gap between two answers (or from the start to the first).</summary>
    private static async Task<(int Answers, int Failures, TimeSpan LongestGap)> MeasureCliAsync(ProcessScenario scenario, CancellationToken ct)
    {
        var (answers, failures, longest) = (0, 0, TimeSpan.Zero);
        var lastAnswer = Stopwatch.StartNew();
        while (!ct.IsCancellationRequested)
        {
            try
            {
                var run = await Processes.Cli.RunAsync(["status", "-o", "json"], ThreeHosts.CliEnvironment(scenario), ct);
                if (run.ExitCode == 0)
                {
                    answers++;
                    longest = lastAnswer.Elapsed > longest ? lastAnswer.Elapsed : longest;
                    lastAnswer.Restart();
                }
                else
                {
                    failures++;
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
            }
        }

        return (answers, failures, longest);
    }
}
