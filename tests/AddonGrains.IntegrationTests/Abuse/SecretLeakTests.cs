using System.Globalization;
using System.Text;
using AddonGrains.IntegrationTests.Processes;

namespace AddonGrains.IntegrationTests.Abuse;

/// <summary>
/// With distinctive secrets (seeded, seed printed; set ABUSE_SEED to replay), a full convergence and every
/// CLI command leave no trace of either secret in the silo's output (Debug logging, HTTP client at Trace), the CLI's
/// output, /metrics, the status page, or what was sent to Jenkins as parameters.
/// </summary>
[Collection(AbuseProcessGroup.Name)]
[Trait("Category", "Chaos")]
public sealed class SecretLeakTests(PostgresFixture postgres)
{
    private const string Job = "secret/leak e2e";

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Convergence_WithDistinctiveSecrets_NeverPrintsThem(bool secretsInFiles)
    {
        var ct = TestContext.Current.CancellationToken;
        var seed = int.TryParse(Environment.GetEnvironmentVariable("ABUSE_SEED"), CultureInfo.InvariantCulture, out var s) ? s : Random.Shared.Next();
        TestContext.Current.SendDiagnosticMessage($"secret seed: {seed} (replay with ABUSE_SEED={seed})");
        var secrets = Distinctive(new Random(seed));
        var logging = new Dictionary<string, string>
        {
            ["Logging__LogLevel__Default"] = "Debug",
            ["Logging__LogLevel__System.Net.Http"] = "Trace",
            ["Logging__LogLevel__Microsoft.AspNetCore"] = "Debug",
        };
        await using var run = await ConvergenceRun.StartAsync(postgres, [Job], secrets, secretsInFiles, logging);

        await run.ConvergeAsync();

        var build = Assert.Single(run.Jenkins.Builds(Job));
        Assert.Equal("SUCCESS", build.Result);
        var texts = new List<(string Where, string Text)>();
        string[] rollout = [ConvergenceRun.Org, ConvergenceRun.Addon];
        foreach (var command in new[] { ["status"], ["history", .. rollout], ["clusters", .. rollout], ["check", .. rollout], new[] { "validate" } })
        {
            foreach (var format in new[] { "json", "table" })
            {
                var result = await Cli.RunAsync([.. command, "-o", format, "--gateway", run.Silo.Gateway], ct: ct);
                var name = $"cli {string.Join(' ', command)} -o {format} (exit {result.ExitCode})";
                Assert.True(result.ExitCode == 0, $"{name}: {result.Stderr}");
                texts.Add((name + " stdout", result.Stdout));
                texts.Add((name + " stderr", result.Stderr));
            }
        }

        using var http = new HttpClient();
        texts.Add(("/metrics", await http.GetStringAsync(new Uri(run.Silo.HttpUrl, "metrics"), ct)));
        texts.Add(("status page", await http.GetStringAsync(run.Silo.HttpUrl, ct)));
        texts.AddRange(run.Jenkins.Requests.Select(r => ($"jenkins {r.Method} {r.RawPath}", $"{r.Query} {string.Join(' ', r.Form.Select(f => $"{f.Key}={f.Value}"))}")));
        texts.AddRange(run.Silo.Output.Select((line, i) => ($"silo line {i + 1}", line)));

        var forbidden = Forbidden(secrets);
        var leaks = texts.SelectMany(t => forbidden.Where(f => t.Text.Contains(f.Value, StringComparison.Ordinal)).Select(f => $"{f.Name} in {t.Where}: {t.Text}")).ToList();
        TestContext.Current.SendDiagnosticMessage($"scanned {texts.Count} texts ({texts.Sum(t => t.Text.Length)} chars, {run.Silo.Output.Count} silo lines) for {forbidden.Count} forms");
        Assert.Empty(leaks);
        // Proof that the scan saw verbose logs (a line count would depend on how fast the machine is).
        Assert.True(run.Silo.Output.Any(l => l.StartsWith("dbug: ", StringComparison.Ordinal)), "debug logging did not reach the output, so the scan proves little");
    }

    private static RunSecrets Distinctive(Random random)
    {
        string Hex(int n) => string.Concat(Enumerable.Range(0, n).Select(_ => "0123456789abcdef"[random.Next(16)]));
        return new RunSecrets("leak-client", "ocmSECRET" + Hex(24), "leak-bot", "11" + Hex(32));
    }

    private static List<(string Name, string Value)> Forbidden(RunSecrets s) =>
    [
        ("OCM client secret", s.OcmClientSecret),
        ("Jenkins API token", s.JenkinsToken),
        ("Jenkins Basic header", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{s.JenkinsUser}:{s.JenkinsToken}"))),
        ("OCM Basic header", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{s.OcmClientId}:{s.OcmClientSecret}"))),
        ("OCM secret, first half", s.OcmClientSecret[..16]),
        ("Jenkins token, last half", s.JenkinsToken[17..]),
    ];
}
