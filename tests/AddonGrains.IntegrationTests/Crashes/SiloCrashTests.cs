using AddonGrains.GrainInterfaces;
using AddonGrains.IntegrationTests.Processes;
using AddonGrains.IntegrationTests.Security;

namespace AddonGrains.IntegrationTests.Crashes;

/// <summary>A real silo process on PostgreSQL, SIGKILLed and restarted: nothing is lost, nothing fires twice.</summary>
[Collection(ProcessGroup.Name)]
[Trait("Category", "Chaos")]
public sealed class SiloCrashTests(PostgresFixture postgres)
{
    private static readonly string[] Clusters = ["c1", "c2", "c3"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    internal static bool Finished(TriggerSnapshot t) =>
        t.Delivery.Status.IsFinished();

    [Fact]
    public async Task SiloKilledMidRolloutAndRestarted_KeepsLastKnownVersionAndFiresEachJobOnce()
    {
        await using var scenario = await ProcessScenario.StartAsync(postgres, TimeSpan.FromMilliseconds(300), Clusters, Ct);
        scenario.SetVersion("1.0.0", Clusters);
        var silo = await scenario.StartSiloAsync(ct: Ct);
        await scenario.WaitForStatusAsync(s => s.LastKnownVersion == "1.0.0", "the baseline", Ct);
        scenario.SetVersion("1.1.0", "c1", "c2");
        await scenario.WaitForStatusAsync(s => s.Phase == RolloutPhase.RollingOut && s.ClustersOnTarget == 2, "the rollout to be seen", Ct);

        silo.Kill();
        await scenario.StartSiloAsync(name: "silo-restarted", replacing: silo, ct: Ct);
        var afterRestart = await scenario.WaitForStatusAsync(s => s.LastCheckAt is not null, "a check on the restarted silo", Ct);
        scenario.SetVersion("1.1.0", "c3");
        var history = await scenario.WaitForTriggersAsync(2, Finished, "both triggers to finish", Ct);

        Assert.Equal("1.0.0", afterRestart.LastKnownVersion);
        Assert.Equal(RolloutPhase.RollingOut, afterRestart.Phase);
        Assert.Equal(2, history.Length);
        Assert.All(history, t => Assert.Equal((TriggerStatus.Succeeded, "1.1.0", "1.0.0"), (t.Delivery.Status, t.Request.Event.Version, t.Request.Event.PreviousVersion)));
        Assert.Single(scenario.Jenkins.Builds(ProcessScenario.ParameterizedJob));
        Assert.Single(scenario.Jenkins.Builds(ProcessScenario.PlainJob));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)] // the same story with mutual TLS on the silo and for the test's client
    public async Task SiloKilledWhileTriggerInFlight_TriggerSurvivesAndEachJobBuildsOnce(bool tls)
    {
        using var pki = new TestPki();
        var ca = pki.CreateCa("crash-ca");
        await using var scenario = await ProcessScenario.StartAsync(postgres, TimeSpan.FromSeconds(4), Clusters, Ct);
        scenario.ClientTls = tls ? pki.Write("client", pki.Issue(ca, "crash-client"), ca).Paths() : null;
        Dictionary<string, string>? EnvironmentOf(string silo) => tls ? new(pki.Write(silo, pki.Issue(ca, silo), ca).Environment()) : null;
        scenario.SetVersion("2.0.0", Clusters);
        var silo = await scenario.StartSiloAsync(EnvironmentOf("silo"), ct: Ct);
        await scenario.WaitForStatusAsync(s => s.LastKnownVersion == "2.0.0", "the baseline", Ct);
        scenario.SetVersion("2.1.0", Clusters);
        await Wait.UntilAsync(() => scenario.Jenkins.Builds(ProcessScenario.ParameterizedJob).Any(b => b.Building),
            TimeSpan.FromSeconds(60), "the build to be running", cancellationToken: Ct);

        silo.Kill();
        await scenario.StartSiloAsync(EnvironmentOf("silo-restarted"), name: "silo-restarted", replacing: silo, ct: Ct);
        var history = await scenario.WaitForTriggersAsync(2, Finished, "both triggers to finish after the restart", Ct);

        Assert.All(history, t => Assert.Equal(TriggerStatus.Succeeded, t.Delivery.Status));
        var parameterized = history.Single(t => t.Request.Job == ProcessScenario.ParameterizedJob);
        Assert.Equal(1, scenario.BuildsWithTriggerId(parameterized.Request.TriggerId));
        Assert.Single(scenario.Jenkins.Builds(ProcessScenario.ParameterizedJob));
        Assert.Single(scenario.Jenkins.Builds(ProcessScenario.PlainJob));
        Assert.Equal("2.1.0", (await scenario.ReadAsync(g => g.GetStatusAsync(Ct), Ct)).LastKnownVersion);
    }

    [Fact]
    public async Task SiloStoppedWithSigtermDuringBuild_LeavesMembershipCleanlyAndTriggerCompletesAfterRestart()
    {
        await using var scenario = await ProcessScenario.StartAsync(postgres, TimeSpan.FromSeconds(3), Clusters, Ct);
        scenario.SetVersion("8.0.0", Clusters);
        var silo = await scenario.StartSiloAsync(ct: Ct);
        await scenario.WaitForStatusAsync(s => s.LastKnownVersion == "8.0.0", "the baseline", Ct);
        scenario.SetVersion("8.1.0", Clusters);
        await Wait.UntilAsync(() => scenario.Jenkins.Builds(ProcessScenario.ParameterizedJob).Any(b => b.Building),
            TimeSpan.FromSeconds(60), "the build to be running", cancellationToken: Ct);

        var exitCode = await silo.StopAsync(TimeSpan.FromSeconds(60), Ct);
        var status = await MembershipStatusAsync(scenario.ConnectionString, silo.SiloPort);
        await scenario.StartSiloAsync(name: "silo-restarted", replacing: silo, ct: Ct);
        var history = await scenario.WaitForTriggersAsync(2, Finished, "both triggers to finish after the restart", Ct);

        Assert.Equal(0, exitCode);
        Assert.Equal(6, status);
        Assert.All(history, t => Assert.Equal(TriggerStatus.Succeeded, t.Delivery.Status));
        Assert.Single(scenario.Jenkins.Builds(ProcessScenario.ParameterizedJob));
        Assert.Single(scenario.Jenkins.Builds(ProcessScenario.PlainJob));
    }

    /// <summary>The membership status of the silo on <paramref name="port"/> (6 = Dead: it left cleanly).</summary>
    private static async Task<int> MembershipStatusAsync(string connectionString, int port)
    {
        await using var connection = new Npgsql.NpgsqlConnection(connectionString);
        await connection.OpenAsync(Ct);
        await using var command = new Npgsql.NpgsqlCommand("SELECT status FROM orleans_membership WHERE port = @port ORDER BY generation DESC LIMIT 1", connection);
        command.Parameters.AddWithValue("port", port);
        return Convert.ToInt32(await command.ExecuteScalarAsync(Ct), System.Globalization.CultureInfo.InvariantCulture);
    }
}
