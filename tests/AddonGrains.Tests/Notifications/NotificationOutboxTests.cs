using AddonGrains.Configuration;
using AddonGrains.Grains.Notifications;

namespace AddonGrains.Tests.Notifications;

/// <summary>The outbox rules without a silo: dedupe by id, per-notifier order and isolation, the cap, retries and Retry-After.</summary>
public sealed class NotificationOutboxTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 5, 12, 0, 0, TimeSpan.Zero);
    private static readonly NotificationDeliveryOptions Options = new() { MaxPending = 3, KeepFinished = 10, RetryBaseDelay = TimeSpan.FromSeconds(2), RetryMaxDelay = TimeSpan.FromMinutes(1) };

    private static NotifierSettings Hook(string name, params NotificationKind[] on) =>
        new(name, [.. on], [], null, new Uri("https://h.example/" + name), null);

    private static NotificationEvent Event(string id, NotificationKind kind = NotificationKind.Converged) =>
        new(id, kind, "org", "org-id", "acm", "1.0.0", null, T0);

    [Fact]
    public void Record_SameIdTwice_IsRecordedOnce()
    {
        var outbox = new NotificationOutbox(new NotificationState(), Options);
        NotifierSettings[] notifiers = [Hook("a", NotificationKind.Converged)];

        outbox.Record([Event("e1")], notifiers, T0);
        var (added, _) = outbox.Record([Event("e1")], notifiers, T0);

        Assert.Empty(added);
        Assert.Single(outbox.Deliveries(10));
    }

    [Fact]
    public void Record_OnlyNotifiersThatWantTheKind_GetAnEntry()
    {
        var outbox = new NotificationOutbox(new NotificationState(), Options);

        var (added, _) = outbox.Record([Event("e1", NotificationKind.Verdict)], [Hook("a", NotificationKind.Converged), Hook("b", NotificationKind.Verdict)], T0);

        Assert.Equal("b", Assert.Single(added).Notifier);
    }

    [Fact]
    public void Record_PastTheCap_DropsTheOldestOfThatNotifierOnly()
    {
        var outbox = new NotificationOutbox(new NotificationState(), Options);
        NotifierSettings[] notifiers = [Hook("a", NotificationKind.Converged), Hook("b", NotificationKind.Stalled)];
        outbox.Record([Event("s1", NotificationKind.Stalled)], notifiers, T0);

        var (_, dropped) = outbox.Record([Event("e1"), Event("e2"), Event("e3"), Event("e4"), Event("e5")], notifiers, T0);

        Assert.Equal(["e1", "e2"], dropped.Select(d => d.Event.Id));
        Assert.All(dropped, d => Assert.Equal(NotificationDeliveryStatus.Dropped, d.Status));
        Assert.Equal("e3", outbox.Next("a")!.Event.Id);
        Assert.Equal("s1", outbox.Next("b")!.Event.Id);
        Assert.Equal(3, outbox.PendingCounts()["a"]);
    }

    [Fact]
    public void Complete_Failure_KeepsTheEventAtTheHeadAndBacksOff()
    {
        var outbox = new NotificationOutbox(new NotificationState(), Options);
        outbox.Record([Event("e1"), Event("e2")], [Hook("a", NotificationKind.Converged)], T0);
        var head = outbox.Next("a")!;

        var first = outbox.Complete(head, DeliveryOutcome.Retry("the receiver answered 500"), T0, jitter: 0.5);
        var second = outbox.Complete(head, DeliveryOutcome.Retry("the receiver answered 500"), T0, jitter: 0.5);

        Assert.Equal((TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4)), (first, second));
        Assert.Same(head, outbox.Next("a"));
        Assert.Equal((2, "the receiver answered 500", T0 + TimeSpan.FromSeconds(4)), (head.Attempts, head.LastError, head.NextAttemptAt));
    }

    [Fact]
    public void Complete_RetryAfter_IsHonouredUpToTheMaximum()
    {
        var outbox = new NotificationOutbox(new NotificationState(), Options);
        outbox.Record([Event("e1")], [Hook("a", NotificationKind.Converged)], T0);
        var head = outbox.Next("a")!;

        var asked = outbox.Complete(head, DeliveryOutcome.Retry("429", TimeSpan.FromSeconds(30)), T0, jitter: 0.9);
        var capped = outbox.Complete(head, DeliveryOutcome.Retry("429", TimeSpan.FromHours(2)), T0, jitter: 0.9);

        Assert.Equal((TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(1)), (asked, capped));
    }

    [Fact]
    public void Complete_DeliveredOrRefused_FinishesAndTheNextEventIsDue()
    {
        var outbox = new NotificationOutbox(new NotificationState(), Options);
        outbox.Record([Event("e1"), Event("e2"), Event("e3")], [Hook("a", NotificationKind.Converged)], T0);

        outbox.Complete(outbox.Next("a")!, DeliveryOutcome.Delivered, T0, 0);
        outbox.Complete(outbox.Next("a")!, DeliveryOutcome.Permanent("the receiver answered 404 Not Found"), T0, 0);

        Assert.Equal("e3", outbox.Next("a")!.Event.Id);
        Assert.Equal([NotificationDeliveryStatus.Pending, NotificationDeliveryStatus.Failed, NotificationDeliveryStatus.Delivered],
            outbox.Deliveries(10).Select(d => d.Status));
    }

    [Fact]
    public void Complete_AfterGiveUpAfter_Fails()
    {
        var outbox = new NotificationOutbox(new NotificationState(), new NotificationDeliveryOptions { GiveUpAfter = TimeSpan.FromHours(1) });
        outbox.Record([Event("e1")], [Hook("a", NotificationKind.Converged)], T0);
        var head = outbox.Next("a")!;

        var delay = outbox.Complete(head, DeliveryOutcome.Retry("the receiver answered 503"), T0 + TimeSpan.FromHours(2), 0);

        Assert.Null(delay);
        Assert.Equal(NotificationDeliveryStatus.Failed, head.Status);
        Assert.StartsWith("gave up after", head.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public void DropUnconfigured_RemovedNotifier_DropsItsPendingEvents()
    {
        var outbox = new NotificationOutbox(new NotificationState(), Options);
        outbox.Record([Event("e1")], [Hook("a", NotificationKind.Converged), Hook("b", NotificationKind.Converged)], T0);

        var gone = outbox.DropUnconfigured([Hook("b", NotificationKind.Converged)], T0);

        Assert.Equal("a", Assert.Single(gone).Notifier);
        Assert.Null(outbox.Next("a"));
        Assert.NotNull(outbox.Next("b"));
    }
}
