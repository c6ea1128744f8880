namespace AddonGrains.Grains.Rollouts;

/// <summary>
/// When <see cref="RolloutGrain"/> checks: the registry starts it (a durable reminder, period <c>polling.interval</c>)
/// and stops it; while a rollout moves, a grain timer checks every <c>polling.rolloutInterval</c> when that is shorter.
/// A reminder or timer tick that comes less than half its period after the last check (e.g. one run by the CLI) is skipped.
/// </summary>
internal sealed partial class RolloutGrain
{
    internal const string ReminderName = "check";

    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        var period = Settings.Polling.Interval;
        await _store.RecoverAsync();
        await this.RegisterOrUpdateReminder(ReminderName, TimeSpan.FromSeconds(1), period, cancellationToken);
        if (!state.State.Active)
        {
            state.State.Active = true;
            await _store.WriteAsync();
        }

        LogStarted(logger, Key, period);
    }

    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        await _store.RecoverAsync();
        if (await this.GetReminder(ReminderName, cancellationToken) is { } reminder)
        {
            await this.UnregisterReminder(reminder, cancellationToken);
        }

        _rolloutTimer?.Dispose();
        _rolloutTimer = null;
        if (state.State.Active)
        {
            state.State.Active = false;
            await _store.WriteAsync();
        }

        LogStopped(logger, Key);
        ForgetGauges();
        DeactivateOnIdle();
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName == ReminderName && IsDue(Settings.Polling.Interval))
        {
            await CheckCoreAsync(MaxObservationAge(), CancellationToken.None);
        }
    }

    public Task<RolloutStatus> CheckAsync(CancellationToken cancellationToken = default) =>
        CheckCoreAsync(TimeSpan.Zero, cancellationToken);

    private void ScheduleRolloutTimer(RolloutPhase phase)
    {
        var moving = phase is RolloutPhase.RollingOut or RolloutPhase.Stalled or RolloutPhase.Inconclusive;
        var fast = Settings.Polling.RolloutInterval < Settings.Polling.Interval;
        if (moving && fast && _rolloutTimer is null)
        {
            _rolloutTimer = this.RegisterGrainTimer(async ct =>
            {
                if (IsDue(Settings.Polling.RolloutInterval))
                {
                    await CheckCoreAsync(MaxObservationAge(), ct);
                }
            }, new GrainTimerCreationOptions(Settings.Polling.RolloutInterval, Settings.Polling.RolloutInterval) { KeepAlive = true });
        }
        else if (!moving && _rolloutTimer is not null)
        {
            _rolloutTimer.Dispose();
            _rolloutTimer = null;
        }
    }

    private bool IsDue(TimeSpan period) => _lastCheckAt is not { } last || clock.GetUtcNow() - last >= period / 2;

    // Add-ons of one organization share an observation made within half the fast interval.
    private TimeSpan MaxObservationAge() => Settings.Polling.RolloutInterval / 2;

    [LoggerMessage(Level = LogLevel.Information, Message = "Rollout {RolloutKey} scheduled every {Period}")]
    private static partial void LogStarted(ILogger logger, string rolloutKey, TimeSpan period);

    [LoggerMessage(Level = LogLevel.Information, Message = "Rollout {RolloutKey} stopped: no longer in the configuration")]
    private static partial void LogStopped(ILogger logger, string rolloutKey);
}
