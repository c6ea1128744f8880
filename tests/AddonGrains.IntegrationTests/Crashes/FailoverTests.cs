using System.Diagnostics;
using AddonGrains.GrainInterfaces;
using AddonGrains.IntegrationTests.Processes;
using AddonGrains.IntegrationTests.Security;
using AddonGrains.Simulators.Ocm;

namespace AddonGrains.IntegrationTests.Crashes;

/// <summary>
/// Two silo processes on PostgreSQL membership. Each round SIGKILLs the silo that hosts
/// the organization × add-on grain in the middle of a rollout; the survivor's reminder resumes the checks, the
/// rollout completes and each job fires exactly once. Prints the measured time to resume. Three rounds in CI
/// (<c>CHAOS_ROUNDS=20</c> for the full count), and again with mutual TLS between the silos and for the test's
/// client with two rounds (half the count on demand).
/// </summary>
[Collection(FailoverProcessGroup.Name)]
[Trait("Category", "Chaos")]
public sealed class FailoverTests(PostgresFixture postgres)
{
    private static readonly int Rounds = ChaosRounds.Or(3);
    private const string Activated = "Rollout fleet/acm activated";
    private static readonly string[] Clusters = ["f1", "f2", "f3"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task HostingSiloKilledMidRollout_SurvivorResumesAndEachJobFiresOnce(bool tls)
    {
        var rounds = tls ? Math.Max(2, Rounds / 2) : Rounds;
        using var pki = new TestPki();
        var ca = pki.CreateCa("failover-ca");
        await using var scenario = await ProcessScenario.StartAsync(postgres, TimeSpan.FromMilliseconds(300), Clusters, Ct);
        scenario.ClientTls = tls ? pki.Write("client", pki.Issue(ca, "failover-client"), ca).Paths() : null;
        scenario.SetVersion("4.0.0", Clusters);
        // Faster failure detection than the silo's defaults (docs/operations.md, "Failure detection"); set
        // FAILOVER_DEFAULT_MEMBERSHIP=1 to measure with the silo's defaults instead.
        var membership = Environment.GetEnvironmentVariable("FAILOVER_DEFAULT_MEMBERSHIP") == "1" ? [] : new Dictionary<string, string>
        {
            ["Orleans__Membership__ProbeTimeout"] = "00:00:01",
            ["Orleans__Membership__NumMissedProbesLimit"] = "2",
        };
        Dictionary<string, string> EnvironmentOf(string silo) => tls
            ? new(membership.Concat(pki.Write(silo, pki.Issue(ca, silo), ca).Environment()))
            : new(membership);
        await scenario.StartSiloAsync(EnvironmentOf("silo-a"), "silo-a", ct: Ct);
        await scenario.StartSiloAsync(EnvironmentOf("silo-b"), "silo-b", ct: Ct);
        await scenario.WaitForStatusAsync(s => s.LastKnownVersion == "4.0.0", "the baseline", Ct);
        var resumeSeconds = new List<double>();

        for (var round = 1; round <= rounds; round++)
        {
            var version = $"4.{round}.0";
            scenario.SetVersion(version, "f1", "f2");
            await scenario.WaitForStatusAsync(s => s.Phase == RolloutPhase.RollingOut && s.TargetVersion == version, $"round {round}: rollout seen", Ct);
            var alive = scenario.Silos.Where(s => !s.HasExited).ToList();
            var host = alive.Where(s => s.LastLineAt(Activated) is not null).MaxBy(s => s.LastLineAt(Activated))
                ?? throw new InvalidOperationException("no live silo logged the activation of fleet/acm");

            host.Kill();
            var killedAt = Stopwatch.StartNew();
            var checksBefore = scenario.Ocm.RequestCount(OcmRoutes.Clusters);
            await Wait.UntilAsync(() => scenario.Ocm.RequestCount(OcmRoutes.Clusters) > checksBefore,
                TimeSpan.FromSeconds(60), $"round {round}: a check on the survivor", cancellationToken: Ct);
            resumeSeconds.Add(killedAt.Elapsed.TotalSeconds);
            scenario.SetVersion(version, "f3");
            await scenario.WaitForTriggersAsync(2, t => t.Request.Event.Version == version && SiloCrashTests.Finished(t), $"round {round}: triggers", Ct);
            await scenario.StartSiloAsync(EnvironmentOf($"silo-replacement-{round}"), $"silo-replacement-{round}", ct: Ct);
        }

        var history = await scenario.ReadAsync(g => g.GetHistoryAsync(Ct), Ct);
        var sorted = resumeSeconds.Order().ToList();
        Figures.Record($"failover ({(membership.Count == 0 ? "silo default membership" : "ProbeTimeout 1s, NumMissedProbesLimit 2")}{(tls ? ", mutual TLS" : "")}): time to resume after SIGKILL of the hosting silo, {rounds} rounds: {string.Join(", ", resumeSeconds.Select(s => $"{s:0.0}s"))}; median {sorted[sorted.Count / 2]:0.0}s, max {sorted[^1]:0.0}s");
        Assert.All(resumeSeconds, s => Assert.True(s < 60, $"resume took {s:0.0}s"));
        Assert.Equal(2 * rounds, history.Length);
        Assert.All(history, t => Assert.Equal(TriggerStatus.Succeeded, t.Delivery.Status));
        Assert.All(history.Where(t => t.Request.Job == ProcessScenario.ParameterizedJob), t => Assert.Equal(1, scenario.BuildsWithTriggerId(t.Request.TriggerId)));
        Assert.Equal(rounds, scenario.Jenkins.Builds(ProcessScenario.ParameterizedJob).Count);
        Assert.Equal(rounds, scenario.Jenkins.Builds(ProcessScenario.PlainJob).Count);
    }
}
