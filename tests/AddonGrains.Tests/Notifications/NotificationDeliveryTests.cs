using System.Security.Cryptography;
using System.Text;
using AddonGrains.Simulators.Notifications;

namespace AddonGrains.Tests.Notifications;

/// <summary>
/// Notifications end to end, over HTTP: each kind once in the normal case, signed; every event after a receiver outage
/// (refused, 500, 429 + Retry-After), in order; and a receiver that never answers delays neither the trigger nor the
/// outbox's own calls (it is reentrant: recording and reading go on while a delivery hangs); no span of the silo's
/// traces is a notification request or holds a notifier's secret.
/// </summary>
[Collection(NotificationGroup.Name)]
public sealed class NotificationDeliveryTests(NotificationFixture fixture)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Checks the rollout (a verdict is announced at a check) until the receiver accepted what <paramref name="done"/> wants.</summary>
    private async Task<IReadOnlyList<ReceivedNotification>> CheckUntilAsync(string organization, NotificationReceiver receiver, string path,
        Func<IReadOnlyList<ReceivedNotification>, bool> done, string what) =>
        await Wait.UntilAsync(async () =>
        {
            await fixture.Rollout(organization).CheckAsync(Ct);
            return receiver.AcceptedAt(path);
        }, done, Timeout, what, describe: r => string.Join(", ", r.Select(n => n.Type ?? n.Text)), interval: TimeSpan.FromMilliseconds(200), cancellationToken: Ct);

    private static IReadOnlyList<ReceivedNotification> Of(string orgId, IReadOnlyList<ReceivedNotification> received) =>
        [.. received.Where(r => r.Data("orgId") == orgId)];

    [Fact]
    public async Task EachEventKind_ReachesTheReceiverExactlyOnce_Signed()
    {
        await fixture.UpgradeAsync("n-ok", "org-n-ok", Ct);
        await fixture.UpgradeAsync("n-broken", "org-n-broken", Ct);
        fixture.World.Fleet("org-n-stall", "acm", "1.0.0", ["org-n-stall-a", "org-n-stall-b"]);
        await fixture.Rollout("n-stall").CheckAsync(Ct);
        fixture.World.Fleet("org-n-stall", "acm", "1.1.0", ["org-n-stall-a"]);

        var ok = Of("org-n-ok", await CheckUntilAsync("n-ok", fixture.Main, "/all", r => Of("org-n-ok", r).Any(n => n.Type == "com.addongrains.verdict"), "the verdict of n-ok"));
        var broken = Of("org-n-broken", await CheckUntilAsync("n-broken", fixture.Main, "/all", r => Of("org-n-broken", r).Any(n => n.Type == "com.addongrains.verdict"), "the verdict of n-broken"));
        var stall = Of("org-n-stall", await CheckUntilAsync("n-stall", fixture.Main, "/all", r => Of("org-n-stall", r).Any(n => n.Type == "com.addongrains.stalled"), "n-stall stalled"));
        var deliveries = await fixture.Outbox("n-ok").GetDeliveriesAsync(50, Ct);

        Assert.Equal(["converged", "triggered", "buildFinished", "verdict"], ok.Select(n => n.Type!["com.addongrains.".Length..]));
        Assert.Equal(["converged", "deliveryFailed", "verdict"], broken.Select(n => n.Type!["com.addongrains.".Length..]));
        Assert.Equal(["stalled"], stall.Select(n => n.Type!["com.addongrains.".Length..]));
        Assert.Equal(("passed", "failed"), (ok[^1].Data("result"), broken[^1].Data("result")));
        Assert.All(ok.Concat(broken).Concat(stall), n => Assert.Single(fixture.Main.Requests, r => r.Id == n.Id));
        Assert.All(ok.Concat(broken).Concat(stall), n =>
        {
            Assert.StartsWith("application/cloudevents+json", n.ContentType, StringComparison.Ordinal);
            Assert.Equal("sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(NotificationFixture.HookSecret), Encoding.UTF8.GetBytes(n.Body))), n.Signature);
        });
        var slack = Assert.Single(fixture.Main.AcceptedAt(NotificationFixture.SlackPath));
        Assert.Contains("*acm* on *n-ok* (org-n-ok): ci/n-job finished *Succeeded* for 1.0.0 → 1.1.0 <http", slack.Text, StringComparison.Ordinal);
        Assert.Null(slack.Signature);
        Assert.All(deliveries, d => Assert.Equal((NotificationDeliveryStatus.Delivered, 1), (d.Status, d.Attempts)));
        Assert.Equal(5, deliveries.Length);

        // The silo's traces: HTTP client tracing is on (the Jenkins and OCM calls are spans), but no span is a
        // notification request, and none holds the Slack webhook URL or the HMAC secret anywhere.
        var spans = fixture.FlushSpans();
        Assert.Contains(spans, s => s.GetTagItem("url.full") is string);
        var texts = spans.Select(SpanText).ToList();
        Assert.DoesNotContain(texts, t => t.Contains(fixture.Main.Url("/").Authority, StringComparison.Ordinal));
        Assert.DoesNotContain(texts, t => t.Contains(NotificationFixture.SlackPath, StringComparison.Ordinal)
            || t.Contains(NotificationFixture.HookSecret, StringComparison.Ordinal));
    }

    /// <summary>Everything a span exports as text: names, tags, events with their tags, links' tags, baggage.</summary>
    private static string SpanText(System.Diagnostics.Activity span) => string.Join('\n',
        new[] { span.DisplayName, span.OperationName, span.StatusDescription ?? "" }
            .Concat(span.TagObjects.Select(t => $"{t.Key}={t.Value}"))
            .Concat(span.Events.SelectMany(e => e.Tags.Select(t => $"{t.Key}={t.Value}").Prepend(e.Name)))
            .Concat(span.Links.SelectMany(l => (l.Tags ?? []).Select(t => $"{t.Key}={t.Value}")))
            .Concat(span.Baggage.Select(b => $"{b.Key}={b.Value}")));

    [Fact]
    public async Task NotificationsCommand_ListsDeliveriesNewestFirst_AndNoCliOutputHoldsASecret()
    {
        await fixture.UpgradeAsync("n-cli", "org-n-cli", Ct);
        await CheckUntilAsync("n-cli", fixture.Main, "/all", r => Of("org-n-cli", r).Any(n => n.Type == "com.addongrains.verdict"), "the verdict of n-cli");
        await Wait.UntilAsync(async () => (await fixture.Outbox("n-cli").GetDeliveriesAsync(50, Ct)).All(d => d.Status == NotificationDeliveryStatus.Delivered),
            Timeout, "every n-cli delivery done", cancellationToken: Ct);

        var json = await AddonGrains.Tests.Cli.Cli.RunAsync(fixture.Cluster.Client, "notifications", "n-cli", "acm", "-o", "json");
        var table = await AddonGrains.Tests.Cli.Cli.RunAsync(fixture.Cluster.Client, "notifications", "n-cli", "acm", "--limit", "2");
        var validate = await AddonGrains.Tests.Cli.Cli.RunAsync(fixture.Cluster.Client, "validate", "-o", "json");
        var unknown = await AddonGrains.Tests.Cli.Cli.RunAsync(fixture.Cluster.Client, "notifications", "nope", "acm");

        Assert.Equal(0, json.ExitCode);
        var rows = json.Json.EnumerateArray().ToList();
        Assert.Equal("verdict", rows[0].GetProperty("event").GetString());
        Assert.Equal(["all"], rows.Where(r => r.GetProperty("event").GetString() == "converged").Select(r => r.GetProperty("notifier").GetString()));
        Assert.All(rows, r => Assert.Equal(("Delivered", 1), (r.GetProperty("status").GetString(), r.GetProperty("attempts").GetInt32())));
        Assert.Equal(0, table.ExitCode);
        Assert.Contains("verdict", table.Table, StringComparison.Ordinal);
        Assert.Equal(2, unknown.ExitCode);
        foreach (var run in new[] { json, table, validate, unknown })
        {
            var all = run.Stdout + run.Table + run.Stderr;
            Assert.DoesNotContain(NotificationFixture.HookSecret, all, StringComparison.Ordinal);
            Assert.DoesNotContain(NotificationFixture.SlackPath, all, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ReceiverRefusingThenFailingThenThrottling_GetsEveryEventAfterwards_InOrder()
    {
        fixture.Flaky.RetryAfterSeconds = 1;
        await fixture.Flaky.StopAsync();
        await fixture.UpgradeAsync("n-down", "org-n-down", Ct);
        await Wait.UntilAsync(async () => (await fixture.Outbox("n-down").GetDeliveriesAsync(10, Ct)).Any(d => d.Attempts >= 2),
            Timeout, "failed attempts while the receiver is down", cancellationToken: Ct);
        var whileDown = await fixture.Outbox("n-down").GetDeliveriesAsync(10, Ct);

        fixture.Flaky.Fault = ReceiverFault.ServerError;
        await fixture.Flaky.RestartAsync(Ct);
        await Wait.UntilAsync(() => fixture.Flaky.Requests.Count(r => r.Status == 500) >= 2, Timeout, "500s", cancellationToken: Ct);
        fixture.Flaky.Fault = ReceiverFault.TooManyRequests;
        await Wait.UntilAsync(() => fixture.Flaky.Requests.Any(r => r.Status == 429), Timeout, "a 429", cancellationToken: Ct);
        fixture.Flaky.Fault = ReceiverFault.None;
        var received = await CheckUntilAsync("n-down", fixture.Flaky, "/flaky", r => r.Any(n => n.Type == "com.addongrains.verdict"), "every event after the outage");

        Assert.Contains(whileDown, d => d.Status == NotificationDeliveryStatus.Pending && d.LastError?.StartsWith("no connection to the receiver", StringComparison.Ordinal) == true);
        Assert.Equal(["converged", "triggered", "buildFinished", "verdict"], received.Select(n => n.Type!["com.addongrains.".Length..]));
        Assert.Equal(received.Count, received.Select(n => n.Id).Distinct().Count());
        var requests = fixture.Flaky.Requests;
        var throttled = requests.First(r => r.Status == 429);
        var next = requests.SkipWhile(r => r != throttled).Skip(1).First();
        Assert.Equal(throttled.Id, next.Id);
        Assert.True(next.At - throttled.At >= TimeSpan.FromMilliseconds(900), $"the retry after a 429 with Retry-After: 1 came after {next.At - throttled.At}");
        Assert.All(await fixture.Outbox("n-down").GetDeliveriesAsync(10, Ct), d => Assert.Equal(NotificationDeliveryStatus.Delivered, d.Status));
    }

    [Fact]
    public async Task ReceiverThatNeverAnswers_DelaysNeitherTheTriggerNorTheOutbox()
    {
        fixture.Hanging.Fault = ReceiverFault.Hang;
        await fixture.UpgradeAsync("n-hang", "org-n-hang", Ct);

        var history = await Wait.UntilAsync(() => fixture.Rollout("n-hang").GetHistoryAsync(Ct), h => h.Length == 1 && h[0].Delivery.Status.IsFinished(),
            Timeout, "the trigger to finish while the receiver hangs", cancellationToken: Ct);
        var pending = await Wait.UntilAsync(() => fixture.Outbox("n-hang").GetDeliveriesAsync(10, Ct), d => d.Length == 3,
            Timeout, "the trigger's events recorded behind the hanging delivery", cancellationToken: Ct);
        var hung = fixture.Hanging.Requests;
        fixture.Hanging.Fault = ReceiverFault.None;
        var received = await Wait.UntilAsync(() => Task.FromResult(fixture.Hanging.AcceptedAt("/hanging")), r => r.Count == 3, Timeout, "the events once it answers", cancellationToken: Ct);

        Assert.Equal(TriggerStatus.Succeeded, history[0].Delivery.Status);
        Assert.Equal(0, Assert.Single(hung).Status);
        Assert.All(pending, d => Assert.Equal(NotificationDeliveryStatus.Pending, d.Status));
        Assert.Equal(["converged", "triggered", "buildFinished"], received.Select(n => n.Type!["com.addongrains.".Length..]));
    }
}
