using System.Diagnostics;
using AddonGrains.GrainInterfaces;
using AddonGrains.IntegrationTests.Abuse;
using AddonGrains.IntegrationTests.Crashes;
using AddonGrains.IntegrationTests.Processes;
using AddonGrains.Simulators.Ocm;

namespace AddonGrains.IntegrationTests.Cluster;

/// <summary>
/// A cluster that loses its majority: three silo processes on three addresses with the silo's own failure-detection
/// defaults (no test overrides), two SIGKILLed 3 s apart mid-rollout without waiting for either to be declared Dead.
/// The survivor must declare both dead by itself and deliver the pending trigger's builds exactly once within 90 s of
/// the second kill (docs/operations.md, "Failure detection"); before the kills, a stretch of checks with nobody killed
/// leaves every silo Active.
/// </summary>
[Collection(ClusterProcessGroup.Name)]
[Trait("Category", "Cluster")]
public sealed class MajorityLossTests(PostgresFixture postgres)
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(90);
    private const int QuietChecks = 20;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TwoOfThreeKilledThreeSecondsApart_SurvivorDeliversTheBuildOnceWithin90s()
    {
        await using var scenario = await ProcessScenario.StartAsync(postgres, TimeSpan.FromMilliseconds(300), ThreeHosts.Clusters, Ct);
        scenario.SetVersion("1.0.0", ThreeHosts.Clusters);
        var silos = await ThreeHosts.StartAsync(scenario, ThreeHosts.Addresses, Ct, productTiming: true);
        await ThreeHosts.WaitForActiveAsync(scenario, ThreeHosts.Addresses, "three Active silos");
        await scenario.WaitForStatusAsync(s => s.LastKnownVersion == "1.0.0", "the baseline", Ct);

        // Nobody killed: after a stretch of checks (each a round of probes and heartbeats) all three are still Active.
        var checks = scenario.Ocm.RequestCount(OcmRoutes.Clusters);
        await scenario.WaitAsync(() => Task.FromResult(scenario.Ocm.RequestCount(OcmRoutes.Clusters) >= checks + QuietChecks),
            TimeSpan.FromSeconds(180), $"{QuietChecks} checks with nobody killed", Ct);
        var members = await ThreeHosts.SilosAsync(scenario);
        Assert.DoesNotContain(members, s => s.GetProperty("status").GetString() != "Active");
        Assert.Equal(3, members.Length);

        // Mid-rollout: one cluster moved, then two silos die 3 s apart (a node or zone taking two pods).
        scenario.SetVersion("2.0.0", ThreeHosts.Clusters[0]);
        await scenario.WaitForStatusAsync(s => s.Phase == RolloutPhase.RollingOut && s.TargetVersion == "2.0.0", "the rollout seen", Ct);
        silos[0].Kill();
        await Task.Delay(TimeSpan.FromSeconds(3), Ct); // the scenario's spacing between the two failures, not a wait for a state
        silos[1].Kill();
        var sinceSecondKill = Stopwatch.StartNew();
        scenario.SetVersion("2.0.0", ThreeHosts.Clusters[1..]);

        await scenario.WaitAsync(() => Task.FromResult(
                scenario.Jenkins.Builds(ProcessScenario.ParameterizedJob).Count > 0 && scenario.Jenkins.Builds(ProcessScenario.PlainJob).Count > 0),
            TimeSpan.FromSeconds(180), "both builds after the second kill", Ct);
        var arrived = sinceSecondKill.Elapsed;
        Figures.Record($"majority loss (2 of 3 silos SIGKILLed 3 s apart, product membership defaults): builds arrived {arrived.TotalSeconds:0.0}s after the second kill");

        var history = await scenario.WaitForTriggersAsync(2, t => t.Request.Event.Version == "2.0.0" && SiloCrashTests.Finished(t), "both triggers finished", Ct);
        Assert.True(arrived < Bound, $"the builds came {arrived.TotalSeconds:0.0}s after the second kill (bound {Bound.TotalSeconds:0}s)");
        Assert.Equal(2, history.Length);
        Assert.All(history, t => Assert.Equal(TriggerStatus.Succeeded, t.Delivery.Status));
        Assert.Single(scenario.Jenkins.Builds(ProcessScenario.ParameterizedJob));
        Assert.Single(scenario.Jenkins.Builds(ProcessScenario.PlainJob));
        Assert.Equal(1, scenario.BuildsWithTriggerId(Assert.Single(history, t => t.Request.Job == ProcessScenario.ParameterizedJob).Request.TriggerId));
        var survivor = Assert.Single(await ThreeHosts.SilosAsync(scenario), s => s.GetProperty("status").GetString() == "Active");
        Assert.Equal($"{silos[2].Host}:{silos[2].SiloPort}", survivor.GetProperty("address").GetString());
    }

    [Theory]
    [InlineData("Orleans__Membership__ProbeTimeout", "soon", "error: Orleans__Membership__ProbeTimeout='soon' is not a positive duration")]
    [InlineData("Orleans__Membership__NumMissedProbesLimit", "0", "error: Orleans__Membership__NumMissedProbesLimit='0' is not a positive whole number")]
    [InlineData("Orleans__Membership__ProbeTimout", "00:00:02", "error: Orleans__Membership__ProbeTimout is not a membership setting; known: ")]
    public async Task Silo_WithBadMembershipSetting_ExitsWith2NamingTheVariable(string name, string value, string message)
    {
        var run = await SiloRun.RunAsync([], "", new Dictionary<string, string> { [name] = value }, TimeSpan.FromSeconds(60), RepoPaths.DemoDll);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(message, run.Stderr, StringComparison.Ordinal);
    }
}
