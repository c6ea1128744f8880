using AddonGrains.IntegrationTests.Processes;
using AddonGrains.Simulators.Notifications;

namespace AddonGrains.IntegrationTests.Notifications;

/// <summary>
/// Durable notifications on real processes and PostgreSQL: an event recorded but not delivered (the receiver answers
/// 500) survives a SIGKILL of the silo and arrives, with the same id, once a restarted silo delivers it. Nothing
/// secret reaches the silo's log or its status page, which counts the delivery.
/// </summary>
[Collection(RestartProcessGroup.Name)]
[Trait("Category", "Chaos")]
public sealed class NotificationCrashTests(PostgresFixture postgres)
{
    private const string HookSecret = "hmac-crash-s3cret-55910";

    private static readonly string[] Clusters = ["c1", "c2"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SiloKilledBetweenRecordAndDelivery_TheEventArrivesAfterTheRestart_WithTheSameId()
    {
        await using var receiver = await NotificationReceiver.StartAsync(Ct);
        receiver.Fault = ReceiverFault.ServerError;
        await using var scenario = await ProcessScenario.StartAsync(postgres, TimeSpan.FromMilliseconds(200), Clusters, Ct);
        await File.AppendAllTextAsync(scenario.ConfigPath, $$"""

            notifications:
              - name: tooling
                on: [converged]
                webhook: { url: "{{receiver.Url("/hook")}}", secret: { env: HOOK_SECRET } }

            """, Ct);
        var environment = new Dictionary<string, string>
        {
            ["HOOK_SECRET"] = HookSecret,
            ["AddonGrains__Notifications__RetryBaseDelay"] = "00:00:00.200",
            ["AddonGrains__Notifications__RetryMaxDelay"] = "00:00:01",
            ["AddonGrains__Notifications__ReminderPeriod"] = "00:00:02",
        };
        scenario.SetVersion("1.0.0", Clusters);
        var silo = await scenario.StartSiloAsync(environment, ct: Ct);
        await scenario.WaitForStatusAsync(s => s.LastKnownVersion == "1.0.0", "the baseline", Ct);
        scenario.SetVersion("1.1.0", Clusters);
        await Wait.UntilAsync(() => receiver.Requests.Count(r => r.Status == 500) >= 2, TimeSpan.FromSeconds(90), "the converged event refused twice", cancellationToken: Ct);
        var refused = receiver.Requests.First(r => r.Status == 500);

        silo.Kill();
        receiver.Fault = ReceiverFault.None;
        var restarted = await scenario.StartSiloAsync(environment, name: "silo-restarted", replacing: silo, ct: Ct);
        var delivered = await Wait.UntilAsync(() => Task.FromResult(receiver.AcceptedAt("/hook")), r => r.Count >= 1, TimeSpan.FromSeconds(90),
            "the event delivered by the restarted silo", cancellationToken: Ct);

        var arrived = Assert.Single(delivered);
        Assert.Equal(("com.addongrains.converged", refused.Id, "1.1.0"), (arrived.Type, arrived.Id, arrived.Data("version")));
        await restarted.WaitForLineAsync($"notification {arrived.Id} delivered to tooling", TimeSpan.FromSeconds(30), Ct);
        using var http = new HttpClient();
        var page = await http.GetStringAsync(restarted.HttpUrl, Ct);
        Assert.Contains("Notifications from this silo: tooling (webhook): 1 sent, 0 pending", page, StringComparison.Ordinal);
        Assert.DoesNotContain(HookSecret, page, StringComparison.Ordinal);
        Assert.All(silo.Output.Concat(restarted.Output), line => Assert.DoesNotContain(HookSecret, line, StringComparison.Ordinal));
    }
}
