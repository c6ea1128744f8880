namespace AddonGrains.Grains.Triggers;

/// <summary>
/// Retention: a finished trigger its rollout no longer keeps clears its state <c>history.triggerStateRetention</c>
/// after it finished, on a reminder (and, should the reminder be late, at its next activation).
/// </summary>
internal sealed partial class TriggerGrain
{
    private const string RetentionReminderName = "retention";

    // Orleans reminders cannot be due later than about 49 days: a longer retention wakes the grain once a week.
    private static readonly TimeSpan MaxReminderDelay = TimeSpan.FromDays(7);

    private static readonly TimeSpan MinReminderDelay = TimeSpan.FromMinutes(1);

    public async Task<bool> RetireAsync(TimeSpan retention, CancellationToken cancellationToken = default)
    {
        await RecoverAsync();
        var s = state.State;
        if (s.Request is null)
        {
            return true;
        }

        if (!s.Delivery.Status.IsFinished())
        {
            return false;
        }

        if (s.ClearAt is null)
        {
            // UpdatedAt is still the time it finished: written directly, so the snapshot keeps it.
            s.ClearAt = s.Delivery.UpdatedAt + retention;
            await _store.WriteAsync();
            LogRetired(logger, s.Request.TriggerId, s.ClearAt.Value);
        }

        await ClearWhenDueAsync();
        return true;
    }

    /// <summary>Clears the state when its time has come; otherwise makes sure the retention reminder will come back.</summary>
    private async Task ClearWhenDueAsync()
    {
        if (state.State.ClearAt is not { } clearAt)
        {
            return;
        }

        var remaining = clearAt - clock.GetUtcNow();
        if (remaining > TimeSpan.Zero)
        {
            var delay = remaining < MinReminderDelay ? MinReminderDelay : remaining > MaxReminderDelay ? MaxReminderDelay : remaining;
            await this.RegisterOrUpdateReminder(RetentionReminderName, delay, delay);
            return;
        }

        var triggerId = this.GetPrimaryKeyString();
        await state.ClearStateAsync();
        if (await this.GetReminder(RetentionReminderName) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }

        LogCleared(logger, triggerId);
        DeactivateOnIdle();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Trigger {TriggerId} left its rollout's history; its state is cleared at {ClearAt}")]
    private static partial void LogRetired(ILogger logger, string triggerId, DateTimeOffset clearAt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Trigger {TriggerId}: state cleared (history.triggerStateRetention)")]
    private static partial void LogCleared(ILogger logger, string triggerId);
}
