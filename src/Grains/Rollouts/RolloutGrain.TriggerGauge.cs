namespace AddonGrains.Grains.Rollouts;

/// <summary>
/// Feeds <c>addongrains_trigger_latest_age_seconds</c> (docs/observability.md): for each subscribed job, its newest
/// trigger for the last known version (created after the last baseline) while it is unfinished or ended
/// DeliveryFailed. A retrigger (a newer trigger) or a baseline ends the report at the next check, so the alerts on it
/// stay firing until an operator acts. A finished trigger is read once per activation, then remembered.
/// </summary>
internal sealed partial class RolloutGrain
{
    private readonly Dictionary<string, TriggerStatus> _finishedTriggers = new(StringComparer.Ordinal);

    private async Task RecordLatestTriggersAsync(string orgName, string addon, CancellationToken cancellationToken)
    {
        var s = state.State;
        var baselinedAt = s.ManualActions.LastOrDefault(a => a.Action == ManualActionEntry.Baseline)?.At;
        var latest = s.Triggers
            .Where(t => t.Version == s.LastKnownVersion && (baselinedAt is not { } at || t.CreatedAt > at))
            .GroupBy(t => (t.Instance, t.Job))
            .Select(g => g.MaxBy(t => t.EventNumber)!)
            .ToList();
        var open = new List<Telemetry.OpenTrigger>();
        foreach (var record in latest)
        {
            if (await LatestStatusAsync(record, cancellationToken) is { } status
                && (!status.IsFinished() || status == TriggerStatus.DeliveryFailed))
            {
                open.Add(new Telemetry.OpenTrigger(record.Instance, record.Job, status, record.CreatedAt));
            }
        }

        var keep = latest.Select(r => r.TriggerId).ToHashSet(StringComparer.Ordinal);
        foreach (var id in _finishedTriggers.Keys.Where(id => !keep.Contains(id)).ToList())
        {
            _finishedTriggers.Remove(id);
        }

        Telemetry.RecordOpenTriggers(Key, orgName, addon, open, clock);
    }

    /// <summary>The trigger's status; null when it cannot be read now (the next check tries again).</summary>
    private async Task<TriggerStatus?> LatestStatusAsync(TriggerRecord record, CancellationToken cancellationToken)
    {
        if (!record.Submitted)
        {
            return TriggerStatus.Pending;
        }

        if (_finishedTriggers.TryGetValue(record.TriggerId, out var finished))
        {
            return finished;
        }

        try
        {
            var status = (await dispatcher.GetSnapshotAsync(record.TriggerId, cancellationToken))?.Delivery.Status;
            if (status is { } done && done.IsFinished())
            {
                _finishedTriggers[record.TriggerId] = done;
            }

            return status;
        }
        catch (Exception ex) when (ex is TimeoutException or OrleansException)
        {
            LogTriggerReadFailed(logger, record.TriggerId, ex.Message);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading trigger {TriggerId} for the trigger gauge failed, will retry at the next check: {Reason}")]
    private static partial void LogTriggerReadFailed(ILogger logger, string triggerId, string reason);
}
