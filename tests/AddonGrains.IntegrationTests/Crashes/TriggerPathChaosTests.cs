using AddonGrains.GrainInterfaces;
using AddonGrains.IntegrationTests.Processes;

namespace AddonGrains.IntegrationTests.Crashes;

/// <summary>
/// The silo process SIGKILLs itself at a random point of the trigger path (before the dispatch
/// write, after the POST before its confirmation, during follow-up), then a new process takes over. Over every
/// round: exactly one build per TRIGGER_ID for the parameterized job; at most one extra for the job without
/// parameters (at-least-once, documented). Six rounds in CI (each kill point twice); <c>CHAOS_ROUNDS=20</c> for the
/// full count.
/// </summary>
[Collection(ProcessGroup.Name)]
[Trait("Category", "Chaos")]
public sealed class TriggerPathChaosTests(PostgresFixture postgres)
{
    private static readonly int Rounds = ChaosRounds.Or(6);
    private static readonly string[] Clusters = ["k1", "k2"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SiloKilledAtRandomTriggerPoints_ExactlyOneBuildPerTriggerId()
    {
        var seed = Environment.GetEnvironmentVariable("CHAOS_SEED") is { } s ? int.Parse(s, System.Globalization.CultureInfo.InvariantCulture) : Environment.TickCount & 0xFFFF;
        Figures.Record($"chaos seed {seed} (rerun with CHAOS_SEED={seed})");
        var random = new Random(seed);
        var points = ChaosRounds.Cover(["BeforeDispatchWrite", "AfterPost", "FollowUp"], Rounds, random);
        var onceDir = Directory.CreateTempSubdirectory("addongrains-chaos-").FullName;
        await using var scenario = await ProcessScenario.StartAsync(postgres, TimeSpan.FromMilliseconds(400), Clusters, Ct);
        scenario.SetVersion("3.0.0", Clusters);
        var silo = await scenario.StartSiloAsync(ct: Ct);
        await scenario.WaitForStatusAsync(st => st.LastKnownVersion == "3.0.0", "the baseline", Ct);
        var killedAt = new List<string>();

        for (var round = 1; round <= Rounds; round++)
        {
            var point = points[round - 1];
            var once = Path.Combine(onceDir, $"round-{round}");
            await silo.StopAsync(TimeSpan.FromSeconds(30), Ct);
            var armed = await scenario.StartSiloAsync(new Dictionary<string, string>
            {
                ["ADDONGRAINS_CHAOS_KILL_AT"] = point,
                ["ADDONGRAINS_CHAOS_KILL_ONCE_FILE"] = once,
            }, $"armed-{round}-{point}", silo, Ct);
            scenario.SetVersion($"3.0.{round}", Clusters);
            await armed.WaitForExitAsync(TimeSpan.FromSeconds(60), Ct);
            Assert.True(File.Exists(once), $"round {round}: the silo exited without reaching {point}:\n{armed.Tail()}");
            killedAt.Add(point);

            silo = await scenario.StartSiloAsync(name: $"recovery-{round}", replacing: armed, ct: Ct);
            await scenario.WaitForTriggersAsync(2, t => t.Request.Event.Version == $"3.0.{round}" && SiloCrashTests.Finished(t),
                $"round {round} ({point}): both triggers to finish", Ct);
        }

        var history = await scenario.ReadAsync(g => g.GetHistoryAsync(Ct), Ct);
        var parameterized = history.Where(t => t.Request.Job == ProcessScenario.ParameterizedJob).ToList();
        var plainBuilds = scenario.Jenkins.Builds(ProcessScenario.PlainJob).Count;
        Figures.Record($"chaos: killed at {string.Join(", ", killedAt)}; plain-job builds {plainBuilds} for {Rounds} triggers");
        Assert.Equal(Rounds, parameterized.Count);
        Assert.All(history, t => Assert.Equal(TriggerStatus.Succeeded, t.Delivery.Status));
        Assert.All(parameterized, t => Assert.Equal(1, scenario.BuildsWithTriggerId(t.Request.TriggerId)));
        Assert.Equal(Rounds, scenario.Jenkins.Builds(ProcessScenario.ParameterizedJob).Count);
        Assert.InRange(plainBuilds, Rounds, Rounds * 2);
    }
}
