using System.Text.Json;
using AddonGrains.IntegrationTests.Processes;

namespace AddonGrains.IntegrationTests.Security;

/// <summary>
/// Silo processes on PostgreSQL with mutual TLS. Two silos with certificates from the CA form a cluster; a
/// silo, a CLI or a plaintext client without such a certificate gets nowhere and the silo logs the refusal; the CLI
/// with one works, and its manual actions carry the certificate's subject as the actor.
/// </summary>
[Collection(ReloadProcessGroup.Name)]
[Trait("Category", "Chaos")]
public sealed class MutualTlsTests(PostgresFixture postgres)
{
    private const int Active = 3;
    private const string Refused = "TLS: refused the peer certificate";
    private static readonly string[] Clusters = ["t1", "t2"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TlsCluster_OnlyHoldersOfACaCertificateGetIn_AndManualActionsRecordTheSubject()
    {
        using var pki = new TestPki();
        var ca = pki.CreateCa("addongrains-test-ca");
        var foreignCa = pki.CreateCa("foreign-ca");
        var cli = pki.Write("cli", pki.Issue(ca, "ops-cli"), ca);
        // Trusts the silos' CA, but its own certificate comes from another CA.
        var strangerCli = pki.Write("stranger", pki.Issue(foreignCa, "stranger-cli"), foreignCa, ca);
        // Wholly from another CA: it does not trust the silos either, and says so first.
        var distrustingCli = pki.Write("distrusting", pki.Issue(foreignCa, "distrusting-cli"), foreignCa);
        await using var scenario = await ProcessScenario.StartAsync(postgres, TimeSpan.FromMilliseconds(200), Clusters, Ct);
        scenario.ClientTls = cli.Paths();
        scenario.SetVersion("1.0.0", Clusters);

        var a = await scenario.StartSiloAsync(pki.Write("silo-a", pki.Issue(ca, "silo-a"), ca).Environment(), "silo-a", ct: Ct);
        var b = await scenario.StartSiloAsync(pki.Write("silo-b", pki.Issue(ca, "silo-b"), ca).Environment(), "silo-b", ct: Ct);
        await Wait.UntilAsync(async () => await ActiveSilosAsync(scenario) == 2, TimeSpan.FromSeconds(60), "two Active silos", cancellationToken: Ct);
        await scenario.WaitForStatusAsync(s => s.LastKnownVersion == "1.0.0", "the baseline, read over TLS", Ct);

        var intruder = scenario.LaunchSilo(pki.Write("intruder", pki.Issue(foreignCa, "intruder"), foreignCa).Environment(), "intruder");
        await Wait.UntilAsync(() => Task.FromResult(Logged(scenario, $"{Refused} 'CN=intruder'")), TimeSpan.FromSeconds(60), "the intruder silo refused", cancellationToken: Ct);
        // A refused connection is only told apart once the connect has given up: a short limit keeps the test short.
        var quickGiveUp = new Dictionary<string, string> { ["ADDONGRAINS_CONNECT_TIMEOUT"] = "8" };
        var plain = await Cli.RunAsync(["--gateway", a.Gateway, "status"], quickGiveUp, Ct);
        // The silo closes the connection after the handshake; the CLI tells why once its (shortened) connect has failed.
        var stranger = await Cli.RunAsync(["--gateway", a.Gateway, .. strangerCli.CliOptions(), "status"], new Dictionary<string, string> { ["ADDONGRAINS_CONNECT_TIMEOUT"] = "4" }, Ct);
        var distrusting = await Cli.RunAsync(["--gateway", a.Gateway, .. distrustingCli.CliOptions(), "status"], quickGiveUp, Ct);
        var retrigger = await Cli.RunAsync(["--gateway", a.Gateway, .. cli.CliOptions(), "retrigger", ProcessScenario.Org, ProcessScenario.Addon,
            "--job", ProcessScenario.PlainJob, "--reason", "rerun after the fix", "--yes", "-o", "json"], ct: Ct);
        var history = await Cli.RunAsync(["--gateway", b.Gateway, "history", ProcessScenario.Org, ProcessScenario.Addon, "-o", "json"], cli.Environment(), Ct);
        var validate = await Cli.RunAsync(["--gateway", b.Gateway, "validate", "-o", "json"], cli.Environment(), Ct);

        Assert.Equal(2, await ActiveSilosAsync(scenario));
        Assert.DoesNotContain(intruder.Output, l => l.Contains("Application started", StringComparison.Ordinal));
        Assert.True(plain.ExitCode == 3, $"exit {plain.ExitCode}: {plain.Stderr}");
        Assert.Contains("TLS/certificate problem: the silo at", plain.Stderr, StringComparison.Ordinal);
        Assert.Contains("requires mutual TLS and this CLI has no certificate", plain.Stderr, StringComparison.Ordinal);
        await Wait.UntilAsync(() => Task.FromResult(a.Output.Any(l => l.Contains("TlsServerConnectionMiddleware[1] Authentication failed", StringComparison.Ordinal))),
            TimeSpan.FromSeconds(30), "silo-a to log the refused plaintext connection", cancellationToken: Ct);
        Assert.True(stranger.ExitCode == 3, $"exit {stranger.ExitCode}: {stranger.Stderr}");
        Assert.Contains($"refused this CLI's certificate 'CN=stranger-cli'", stranger.Stderr, StringComparison.Ordinal);
        await Wait.UntilAsync(() => Task.FromResult(a.Output.Any(l => l.Contains($"{Refused} 'CN=stranger-cli'", StringComparison.Ordinal))),
            TimeSpan.FromSeconds(30), "silo-a to log the refused CLI certificate", cancellationToken: Ct);
        Assert.True(distrusting.ExitCode == 3, $"exit {distrusting.ExitCode}: {distrusting.Stderr}");
        Assert.Contains("this CLI refused the silo at", distrusting.Stderr, StringComparison.Ordinal);
        Assert.Equal(1, Lines(plain.Stderr) + Lines(stranger.Stderr) + Lines(distrusting.Stderr) - 2);
        Assert.True(retrigger.ExitCode == 0, retrigger.Stderr);
        var triggerId = JsonDocument.Parse(retrigger.Stdout).RootElement.GetProperty("triggerId").GetString();
        var row = JsonDocument.Parse(history.Stdout).RootElement.EnumerateArray().Single(r => r.GetProperty("triggerId").GetString() == triggerId);
        Assert.Equal(("CN=ops-cli", "rerun after the fix"), (row.GetProperty("actor").GetString(), row.GetProperty("reason").GetString()));
        Assert.Contains(scenario.Silos, s => s.Output.Any(l => l.Contains($"by CN=ops-cli, reason: rerun after the fix", StringComparison.Ordinal)));
        var certificate = JsonDocument.Parse(validate.Stdout).RootElement.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("subject").GetString() == "tls certificate");
        Assert.True(certificate.GetProperty("passed").GetBoolean());
        // The certificate of the silo the validation grain runs on: either of the two.
        Assert.Matches(@"^'CN=silo-[ab]' valid until \d{4}-\d\d-\d\dT[\d:]+Z \(\d+ days left\)$", certificate.GetProperty("detail").GetString());
    }

    private static bool Logged(ProcessScenario scenario, string text) =>
        scenario.Silos.Any(s => s.Output.Any(l => l.Contains(text, StringComparison.Ordinal)));

    private static int Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;

    private static Task<long> ActiveSilosAsync(ProcessScenario scenario) =>
        Sql.ScalarAsync<long>(scenario.ConnectionString, $"SELECT count(*) FROM orleans_membership WHERE status = {Active}");
}
