using System.Diagnostics;
using AddonGrains.GrainInterfaces;
using AddonGrains.IntegrationTests.Crashes;
using AddonGrains.IntegrationTests.Processes;

namespace AddonGrains.IntegrationTests.Cluster;

/// <summary>
/// A rolling upgrade of three silo hosts while a rollout is in progress. Each silo in turn gets SIGTERM and a
/// new process on the same address and ports; no trigger is lost or doubled. Records the longest time the CLI could
/// not answer.
/// </summary>
[Collection(UpgradeProcessGroup.Name)]
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
        var client = Task.Run(() => MeasureClientAsync(scenario, stop.Token), Ct);
        for (var i = 0; i < silos.Length; i++)
        {
            Assert.Equal(0, await silos[i].StopAsync(TimeSpan.FromSeconds(60), Ct));
            silos[i] = await scenario.StartSiloAsync(ThreeHosts.Membership, $"host{i + 1}-v2", replacing: silos[i], ct: Ct);
            if (i + 1 < ThreeHosts.Clusters.Length)
            {
                scenario.SetVersion("2.0.0", ThreeHosts.Clusters[i + 1]);
            }
        }

        var history = await scenario.WaitForTriggersAsync(2, t => t.Request.Event.Version == "2.0.0" && SiloCrashTests.Finished(t), "both triggers finished", Ct);
        await ThreeHosts.WaitForActiveAsync(scenario, ThreeHosts.Addresses, "the three replaced silos Active");
        await stop.CancelAsync();
        var cliFigures = await cli;
        var clientGap = await client;

        Figures.Record($"rolling upgrade (3 silos, SIGTERM + restart on the same address, ProbeTimeout 1s): {cliFigures.Answers} CLI answers, {cliFigures.Failures} failed; longest CLI outage {cliFigures.LongestOutage.TotalSeconds:0.0}s; answers took {cliFigures.MedianAnswer.TotalSeconds:0.0}s (median) to {cliFigures.SlowestAnswer.TotalSeconds:0.0}s (slowest); an Orleans client reading status every 250 ms went at most {clientGap.TotalSeconds:0.0}s without an answer");
        Assert.Equal(2, history.Length);
        Assert.All(history, t => Assert.Equal(TriggerStatus.Succeeded, t.Delivery.Status));
        Assert.Single(scenario.Jenkins.Builds(ProcessScenario.ParameterizedJob));
        Assert.Single(scenario.Jenkins.Builds(ProcessScenario.PlainJob));
        Assert.True(cliFigures.Answers > 0, "the CLI never answered during the upgrade");
    }

    /// <summary>
    /// Runs <c>status</c> back to back. The outage is from the start of the first failed call after an answer to the end
    /// of the next answer (zero when no call failed); the slowest answer is reported too (a call waits out a failover).
    /// </summary>
    private static async Task<CliFigures> MeasureCliAsync(ProcessScenario scenario, CancellationToken ct)
    {
        var figures = new CliFigures();
        var clock = Stopwatch.StartNew();
        TimeSpan? failingSince = null;
        while (!ct.IsCancellationRequested)
        {
            var started = clock.Elapsed;
            try
            {
                var run = await Processes.Cli.RunAsync(["status", "-o", "json"], ThreeHosts.CliEnvironment(scenario), ct);
                if (run.ExitCode != 0)
                {
                    figures.Failures++;
                    failingSince ??= started;
                    continue;
                }

                figures.Answers++;
                figures.AnswerTimes.Add(clock.Elapsed - started);
                figures.LongestOutage = Max(figures.LongestOutage, failingSince is { } since ? clock.Elapsed - since : TimeSpan.Zero);
                failingSince = null;
                // A short pause after an answer: CLI processes back to back would take a core from the silos being restarted.
                await Task.Delay(500, ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
            }
        }

        return figures;
    }

    /// <summary>The finer view: the test's own Orleans client (membership table) reads status every 250 ms; the longest gap between answers.</summary>
    private static async Task<TimeSpan> MeasureClientAsync(ProcessScenario scenario, CancellationToken ct)
    {
        var (longest, lastAnswer) = (TimeSpan.Zero, Stopwatch.StartNew());
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await (await scenario.RolloutAsync(ct)).GetStatusAsync(ct).WaitAsync(TimeSpan.FromSeconds(5), ct);
                longest = Max(longest, lastAnswer.Elapsed);
                lastAnswer.Restart();
                await Task.Delay(250, ct);
            }
            catch (Exception ex) when (ex is OrleansException or TimeoutException or InvalidOperationException or OperationCanceledException)
            {
            }
        }

        return longest;
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private sealed class CliFigures
    {
        public int Answers { get; set; }

        public int Failures { get; set; }

        public TimeSpan LongestOutage { get; set; }

        public List<TimeSpan> AnswerTimes { get; } = [];

        public TimeSpan SlowestAnswer => AnswerTimes.DefaultIfEmpty().Max();

        public TimeSpan MedianAnswer => AnswerTimes.Order().DefaultIfEmpty().ElementAt(AnswerTimes.Count / 2);
    }
}
