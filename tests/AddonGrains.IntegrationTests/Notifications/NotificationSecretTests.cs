using AddonGrains.IntegrationTests.Processes;
using AddonGrains.Simulators.Notifications;

namespace AddonGrains.IntegrationTests.Notifications;

/// <summary>
/// A Slack webhook URL and an HMAC secret are credentials: with notifications delivered by a real silo logging at
/// Debug (HTTP client at Trace), neither appears in its output, the status page, /metrics, or the output of
/// <c>notifications</c> and <c>validate</c>.
/// </summary>
[Collection(RestartProcessGroup.Name)]
public sealed class NotificationSecretTests(PostgresFixture postgres)
{
    private const string SlackPath = "/services/T9/B9/slackSECRETpath9931";
    private const string HookSecret = "hmacSECRETvalue7720";

    private static readonly string[] Clusters = ["c1", "c2"];

    [Fact]
    public async Task DeliveredNotifications_NeverPrintTheSlackUrlOrTheHmacSecret()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var receiver = await NotificationReceiver.StartAsync(ct);
        await using var scenario = await ProcessScenario.StartAsync(postgres, TimeSpan.FromMilliseconds(200), Clusters, ct);
        await File.AppendAllTextAsync(scenario.ConfigPath, """

            notifications:
              - name: chat
                on: [converged, triggered, buildFinished]
                slack: { webhookUrl: { env: SLACK_URL } }
              - name: hook
                on: [converged, triggered, buildFinished]
                webhook: { url: "{{URL}}", secret: { env: HOOK_SECRET } }

            """.Replace("{{URL}}", receiver.Url("/hook").ToString(), StringComparison.Ordinal), ct);
        var environment = new Dictionary<string, string>
        {
            ["SLACK_URL"] = receiver.Url(SlackPath).ToString(),
            ["HOOK_SECRET"] = HookSecret,
            ["Logging__LogLevel__Default"] = "Debug",
            ["Logging__LogLevel__System.Net.Http"] = "Trace",
        };
        scenario.SetVersion("1.0.0", Clusters);
        var silo = await scenario.StartSiloAsync(environment, ct: ct);
        await scenario.WaitForStatusAsync(s => s.LastKnownVersion == "1.0.0", "the baseline", ct);
        scenario.SetVersion("1.1.0", Clusters);
        await Wait.UntilAsync(() => receiver.AcceptedAt(SlackPath).Count >= 4 && receiver.AcceptedAt("/hook").Count >= 4, TimeSpan.FromSeconds(90),
            "converged, both triggered and one buildFinished on both receivers", cancellationToken: ct);

        var texts = new List<(string Where, string Text)>();
        foreach (var command in new[] { new[] { "notifications", ProcessScenario.Org, ProcessScenario.Addon }, ["validate"] })
        {
            foreach (var format in new[] { "json", "table" })
            {
                var result = await Cli.RunAsync([.. command, "-o", format, "--gateway", silo.Gateway], ct: ct);
                texts.Add(($"cli {command[0]} -o {format} (exit {result.ExitCode})", result.Stdout + result.Stderr));
            }
        }

        using var http = new HttpClient();
        texts.Add(("/metrics", await http.GetStringAsync(new Uri(silo.HttpUrl, "metrics"), ct)));
        texts.Add(("status page", await http.GetStringAsync(silo.HttpUrl, ct)));
        texts.AddRange(silo.Output.Select((line, i) => ($"silo line {i + 1}", line)));

        Assert.Contains(texts, t => t.Where.StartsWith("cli notifications -o json", StringComparison.Ordinal) && t.Text.Contains("\"Delivered\"", StringComparison.Ordinal));
        Assert.Contains(texts.Single(t => t.Where == "/metrics").Text.Split('\n'),
            l => l.StartsWith("addongrains_notifications_sent", StringComparison.Ordinal) && l.Contains("notifier=\"chat\"", StringComparison.Ordinal));
        Assert.True(silo.Output.Any(l => l.StartsWith("dbug: ", StringComparison.Ordinal)), "debug logging did not reach the output, so the scan proves little");
        Assert.Empty(texts.Where(t => t.Text.Contains("slackSECRETpath", StringComparison.Ordinal) || t.Text.Contains(HookSecret, StringComparison.Ordinal))
            .Select(t => t.Where));
    }
}
