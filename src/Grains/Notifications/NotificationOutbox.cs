
namespace AddonGrains.Grains.Notifications;

/// <summary>
/// The outbox rules, as plain code over <see cref="NotificationState"/> (the grain keeps the calls, the state and the
/// timers): an event recorded twice is ignored; each notifier that wants the event gets an entry; each notifier
/// delivers its oldest entry first (head of line: order per rollout is kept); past the cap the oldest pending entries
/// are dropped; a failed attempt is retried after <see cref="RetrySchedule"/> until it is refused for good or gives up.
/// </summary>
public sealed class NotificationOutbox(NotificationState state, NotificationDeliveryOptions options)
{
    /// <summary>Records <paramref name="events"/> for the notifiers that want them; returns the new entries and those dropped to make room.</summary>
    public (IReadOnlyList<NotificationEntry> Added, IReadOnlyList<NotificationEntry> Dropped) Record(
        IEnumerable<NotificationEvent> events, IReadOnlyList<NotifierSettings> notifiers, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(notifiers);
        var added = new List<NotificationEntry>();
        foreach (var e in events)
        {
            if (state.RecentIds.Contains(e.Id, StringComparer.Ordinal))
            {
                continue;
            }

            state.RecentIds.Add(e.Id);
            foreach (var notifier in notifiers.Where(n => n.Wants(e.Kind, e.Organization)))
            {
                var entry = new NotificationEntry { Event = e, Notifier = notifier.Name, RecordedAt = now, UpdatedAt = now };
                state.Pending.Add(entry);
                added.Add(entry);
            }
        }

        if (state.RecentIds.Count > NotificationState.MaxRecentIds)
        {
            state.RecentIds.RemoveRange(0, state.RecentIds.Count - NotificationState.MaxRecentIds);
        }

        var dropped = new List<NotificationEntry>();
        foreach (var group in state.Pending.GroupBy(p => p.Notifier, StringComparer.Ordinal).Where(g => g.Count() > options.MaxPending).ToList())
        {
            foreach (var oldest in group.Take(group.Count() - options.MaxPending))
            {
                Finish(oldest, NotificationDeliveryStatus.Dropped, $"dropped undelivered: more than {options.MaxPending} events were pending for '{oldest.Notifier}'", now);
                dropped.Add(oldest);
            }
        }

        return (added, dropped);
    }

    /// <summary>Drops the pending entries of notifiers no longer configured (a reload removed them).</summary>
    public IReadOnlyList<NotificationEntry> DropUnconfigured(IReadOnlyList<NotifierSettings> notifiers, DateTimeOffset now)
    {
        var names = notifiers.Select(n => n.Name).ToHashSet(StringComparer.Ordinal);
        var gone = state.Pending.Where(p => !names.Contains(p.Notifier)).ToList();
        foreach (var entry in gone)
        {
            Finish(entry, NotificationDeliveryStatus.Dropped, $"dropped undelivered: notifier '{entry.Notifier}' is no longer configured", now);
        }

        return gone;
    }

    /// <summary>The entry <paramref name="notifier"/> must deliver next (its oldest), or null when it has none.</summary>
    public NotificationEntry? Next(string notifier) =>
        state.Pending.FirstOrDefault(p => string.Equals(p.Notifier, notifier, StringComparison.Ordinal));

    /// <summary>The notifiers with pending entries.</summary>
    public IReadOnlyList<string> NotifiersWithPending() => [.. state.Pending.Select(p => p.Notifier).Distinct(StringComparer.Ordinal)];

    /// <summary>Folds one attempt's outcome into <paramref name="entry"/>; returns the delay before the next attempt, or null when it is finished.</summary>
    public TimeSpan? Complete(NotificationEntry entry, DeliveryOutcome outcome, DateTimeOffset now, double jitter)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(outcome);
        if (!state.Pending.Contains(entry))
        {
            // Dropped (past the cap, or its notifier removed) while this attempt was in flight.
            return null;
        }

        entry.Attempts++;
        switch (outcome.Result)
        {
            case DeliveryResult.Delivered:
                entry.LastError = null;
                Finish(entry, NotificationDeliveryStatus.Delivered, null, now);
                return null;
            case DeliveryResult.Permanent:
                Finish(entry, NotificationDeliveryStatus.Failed, outcome.Error, now);
                return null;
            default:
                if (now - entry.RecordedAt >= options.GiveUpAfter)
                {
                    Finish(entry, NotificationDeliveryStatus.Failed, $"gave up after {options.GiveUpAfter}: {outcome.Error}", now);
                    return null;
                }

                var delay = RetrySchedule.Delay(entry.Attempts, outcome.RetryAfter, options, jitter);
                entry.LastError = outcome.Error;
                entry.UpdatedAt = now;
                entry.NextAttemptAt = now + delay;
                return delay;
        }
    }

    /// <summary>Pending entries per notifier (for the pending gauge).</summary>
    public IReadOnlyDictionary<string, int> PendingCounts() =>
        state.Pending.GroupBy(p => p.Notifier, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);

    /// <summary>Deliveries, newest first: pending ones (newest first), then finished ones (newest first).</summary>
    public ImmutableArray<NotificationDelivery> Deliveries(int limit) =>
        [.. state.Pending.AsEnumerable().Reverse().Concat(state.Finished.AsEnumerable().Reverse()).Take(Math.Max(0, limit)).Select(e => e.Snapshot())];

    private void Finish(NotificationEntry entry, NotificationDeliveryStatus status, string? error, DateTimeOffset now)
    {
        entry.Status = status;
        entry.LastError = error ?? entry.LastError;
        entry.UpdatedAt = now;
        entry.NextAttemptAt = null;
        state.Pending.Remove(entry);
        state.Finished.Add(entry);
        if (state.Finished.Count > options.KeepFinished)
        {
            state.Finished.RemoveRange(0, state.Finished.Count - options.KeepFinished);
        }
    }
}
