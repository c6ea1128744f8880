using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;

namespace AddonGrains.Grains.Notifications;

/// <summary>
/// The outbox of one organization × add-on (key: the rollout key). Receive (<see cref="RecordAsync"/>: one write),
/// decide (<see cref="NotificationOutbox"/>), persist; each notifier with pending events has its own one-shot grain
/// timer that sends its oldest event, folds the outcome in and writes it. A durable reminder, registered while
/// anything is pending, resumes delivery after a crash.
/// </summary>
/// <remarks>
/// Reentrant, so that recording and reading never wait behind a slow receiver. Invariants across awaits: the state is
/// only changed between awaits (the grain runs one turn at a time); writes go through one chain
/// (<see cref="WriteAsync"/>), never two at once; each notifier has at most one attempt in flight
/// (<see cref="_sending"/>), so its events go out in order. Covered by NotificationDeliveryTests.
/// </remarks>
[Reentrant]
internal sealed partial class NotificationGrain(
    [PersistentState("notifications", StorageNames.Rollouts)] IPersistentState<NotificationState> state,
    SettingsSource settingsSource,
    INotificationSender sender,
    IOptions<NotificationDeliveryOptions> options,
    [FromKeyedServices(Clock.Key)] TimeProvider clock,
    ILogger<NotificationGrain> logger) : Grain, INotificationGrain, IRemindable
{
    private const string ReminderName = "deliver";

    private readonly Dictionary<string, IGrainTimer> _timers = new(StringComparer.Ordinal);
    private readonly HashSet<string> _sending = new(StringComparer.Ordinal);
    private Task _writes = Task.CompletedTask;
    private bool _reminderRegistered;

    private NotificationOutbox Outbox => new(state.State, options.Value);

    private string Key => this.GetPrimaryKeyString();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        ArmAll();
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        NotificationTelemetry.Forget(Key);
        return Task.CompletedTask;
    }

    public async Task RecordAsync(ImmutableArray<NotificationEvent> events, CancellationToken cancellationToken = default)
    {
        var (added, dropped) = Outbox.Record(events, settingsSource.Current.Notifications, clock.GetUtcNow());
        if (added.Count == 0)
        {
            return;
        }

        await WriteAsync();
        foreach (var entry in added)
        {
            LogRecorded(logger, Key, entry.Event.Id, entry.Notifier);
        }

        CountDropped(dropped);
        if (!_reminderRegistered)
        {
            await this.RegisterOrUpdateReminder(ReminderName, options.Value.ReminderPeriod, options.Value.ReminderPeriod, cancellationToken);
            _reminderRegistered = true;
        }

        ArmAll();
    }

    public Task<ImmutableArray<NotificationDelivery>> GetDeliveriesAsync(int limit, CancellationToken cancellationToken = default) =>
        Task.FromResult(Outbox.Deliveries(limit));

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (state.State.Pending.Count == 0)
        {
            await UnregisterReminderAsync();
            return;
        }

        _reminderRegistered = true;
        ArmAll();
    }

    /// <summary>Arms a timer for each notifier with pending events that has none armed and nothing in flight.</summary>
    private void ArmAll()
    {
        var now = clock.GetUtcNow();
        foreach (var notifier in Outbox.NotifiersWithPending())
        {
            if (!_timers.ContainsKey(notifier) && !_sending.Contains(notifier))
            {
                var due = Outbox.Next(notifier)?.NextAttemptAt is { } at && at > now ? at - now : TimeSpan.Zero;
                Arm(notifier, due);
            }
        }

        NotificationTelemetry.RecordPending(Key, Outbox.PendingCounts());
    }

    private void Arm(string notifier, TimeSpan delay)
    {
        if (_timers.Remove(notifier, out var old))
        {
            old.Dispose();
        }

        _timers[notifier] = this.RegisterGrainTimer(ct => DeliverAsync(notifier, ct),
            new GrainTimerCreationOptions(delay, Timeout.InfiniteTimeSpan) { KeepAlive = true, Interleave = true });
    }

    /// <summary>Sends <paramref name="notifier"/>'s events, oldest first, until none is left or one must wait for a retry.</summary>
    private async Task DeliverAsync(string notifier, CancellationToken cancellationToken)
    {
        // Disposed only when done: disposing a timer cancels the token of its running callback.
        _timers.Remove(notifier, out var fired);
        using var firedTimer = fired;
        if (!_sending.Add(notifier))
        {
            return;
        }

        TimeSpan? retryIn = null;
        try
        {
            retryIn = await SendPendingAsync(notifier, cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // A failed state write: the outcome is in memory and written with the next write; try again later.
            LogDeliveryStepFailed(logger, ex, Key, notifier);
            retryIn = options.Value.RetryBaseDelay;
        }
        finally
        {
            _sending.Remove(notifier);
        }

        if (retryIn is { } delay)
        {
            Arm(notifier, delay);
        }

        NotificationTelemetry.RecordPending(Key, Outbox.PendingCounts());
        if (state.State.Pending.Count == 0)
        {
            await UnregisterReminderAsync();
        }
    }

    private async Task<TimeSpan?> SendPendingAsync(string notifier, CancellationToken cancellationToken)
    {
        while (true)
        {
            var notifiers = settingsSource.Current.Notifications;
            var gone = Outbox.DropUnconfigured(notifiers, clock.GetUtcNow());
            if (gone.Count > 0)
            {
                CountDropped(gone);
                await WriteAsync();
            }

            if (Outbox.Next(notifier) is not { } entry || notifiers.FirstOrDefault(n => n.Name == notifier) is not { } target)
            {
                return null;
            }

            var now = clock.GetUtcNow();
            if (entry.NextAttemptAt is { } at && at > now)
            {
                return at - now;
            }

            var outcome = await sender.SendAsync(target, entry.Event, cancellationToken);
            var delay = Outbox.Complete(entry, outcome, clock.GetUtcNow(), Random.Shared.NextDouble());
            Report(entry, outcome, delay);
            await WriteAsync();
            if (delay is not null)
            {
                return delay;
            }
        }
    }

    private void Report(NotificationEntry entry, DeliveryOutcome outcome, TimeSpan? retryIn)
    {
        // Sent and pending move together, before the log line: the status page never shows a delivery as both sent
        // and still pending (the state write comes after).
        NotificationTelemetry.RecordPending(Key, Outbox.PendingCounts());
        if (outcome.Result == DeliveryResult.Delivered)
        {
            NotificationTelemetry.RecordSent(entry.Notifier);
            LogDelivered(logger, Key, entry.Event.Id, entry.Notifier, entry.Attempts);
            return;
        }

        NotificationTelemetry.RecordFailed(entry.Notifier);
        if (retryIn is { } delay)
        {
            LogRetrying(logger, Key, entry.Event.Id, entry.Notifier, entry.Attempts, delay, outcome.Error);
        }
        else if (entry.Status == NotificationDeliveryStatus.Failed)
        {
            LogFailed(logger, Key, entry.Event.Id, entry.Notifier, entry.Attempts, entry.LastError);
        }
    }

    private void CountDropped(IEnumerable<NotificationEntry> dropped)
    {
        foreach (var entry in dropped)
        {
            NotificationTelemetry.RecordDropped(entry.Notifier);
            LogDropped(logger, Key, entry.Event.Id, entry.Notifier, entry.LastError);
        }
    }

    /// <summary>Writes the state after any write already under way: two writes never overlap (each carries the state as it is when it starts).</summary>
    private Task WriteAsync()
    {
        _writes = WriteAfterAsync(_writes);
        return _writes;
    }

    private async Task WriteAfterAsync(Task previous)
    {
        // The previous write's failure was reported to its own caller; this write carries its changes too.
        await Task.WhenAny(previous);
        await state.WriteStateAsync();
    }

    private async Task UnregisterReminderAsync()
    {
        if (await this.GetReminder(ReminderName) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }

        _reminderRegistered = false;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Rollout {RolloutKey}: notification {EventId} recorded for {Notifier}")]
    private static partial void LogRecorded(ILogger logger, string rolloutKey, string eventId, string notifier);

    [LoggerMessage(Level = LogLevel.Information, Message = "Rollout {RolloutKey}: notification {EventId} delivered to {Notifier} (attempt {Attempts})")]
    private static partial void LogDelivered(ILogger logger, string rolloutKey, string eventId, string notifier, int attempts);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rollout {RolloutKey}: notification {EventId} to {Notifier} failed (attempt {Attempts}), retrying in {Delay}: {Reason}")]
    private static partial void LogRetrying(ILogger logger, string rolloutKey, string eventId, string notifier, int attempts, TimeSpan delay, string? reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rollout {RolloutKey}: notification {EventId} to {Notifier} failed for good after {Attempts} attempts: {Reason}")]
    private static partial void LogFailed(ILogger logger, string rolloutKey, string eventId, string notifier, int attempts, string? reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rollout {RolloutKey}: notification {EventId} to {Notifier} dropped: {Reason}")]
    private static partial void LogDropped(ILogger logger, string rolloutKey, string eventId, string notifier, string? reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rollout {RolloutKey}: delivering notifications to {Notifier} failed, retrying")]
    private static partial void LogDeliveryStepFailed(ILogger logger, Exception exception, string rolloutKey, string notifier);
}
