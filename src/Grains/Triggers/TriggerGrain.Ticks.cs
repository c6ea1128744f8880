namespace AddonGrains.Grains.Triggers;

/// <summary>
/// The trigger grain's ticking: a one-shot grain timer re-armed after every step, whatever the step did (a failed
/// state write or reminder call is retried one poll interval later, after the write is recovered), and a durable
/// reminder that arms a tick whenever none is armed and unregisters itself once the trigger is finished and stored.
/// </summary>
internal sealed partial class TriggerGrain
{
    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName == RetentionReminderName)
        {
            await ClearWhenDueAsync();
            return;
        }

        // The reminder wakes the grain after a crash and resumes delivery whenever no tick is armed; the timer does the work.
        if (state.State.Request is null || Done)
        {
            await FinishAsync();
        }
        else if (!_tickArmed)
        {
            ScheduleNext(TimeSpan.Zero);
        }
    }

    /// <summary>Finished, and the final status is in storage.</summary>
    private bool Done => state.State.Status.IsFinished() && !_store.Unsaved;

    private Task TickAsync(CancellationToken cancellationToken)
    {
        _tickArmed = false;
        return AdvanceAsync(cancellationToken);
    }

    /// <summary>One step. Whatever fails in it, the next tick is armed before this returns (inline, the error is rethrown to the caller too).</summary>
    private async Task AdvanceAsync(CancellationToken cancellationToken, bool inline = false)
    {
        try
        {
            await _store.RecoverAsync();
            await StepAsync(inline, cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            LogStepFailed(logger, state.State.Request?.TriggerId, state.State.Status, Options.PollInterval, ex.Message);
            ScheduleNext(Options.PollInterval);
            if (inline)
            {
                throw;
            }
        }
    }

    private async Task FinishAsync()
    {
        _timer?.Dispose();
        _timer = null;
        _tickArmed = false;

        // The reminder stays until the final event is recorded: it offers it again after a crash or a failed record.
        if (await AnnounceAsync() && await this.GetReminder(ReminderName) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    private void ScheduleNext(TimeSpan delay)
    {
        _timer?.Dispose();
        _tickArmed = !Done;
        _timer = Done ? null : this.RegisterGrainTimer(TickAsync, new GrainTimerCreationOptions(delay, Timeout.InfiniteTimeSpan) { KeepAlive = true });
    }
}
