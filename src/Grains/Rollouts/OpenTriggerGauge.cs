using AddonGrains.Grains.Triggers;

namespace AddonGrains.Grains.Rollouts;

/// <summary>
/// Feeds <c>addongrains_trigger_latest_age_seconds</c> (docs/observability.md) for one rollout: for each subscribed
/// job, its newest trigger for the last known version (created after the last baseline) while it is unfinished or
/// ended DeliveryFailed. A retrigger (a newer trigger) or a baseline ends the report at the next check, so the alerts
/// on it stay firing until an operator acts. A finished trigger is read once per activation, then remembered.
/// </summary>
internal sealed partial class OpenTriggerGauge(ITriggerDispatcher dispatcher, TimeProvider clock, ILogger logger)
{
    private readonly Dictionary<string, TriggerStatus> _finished = new(StringComparer.Ordinal);

    public async Task RecordAsync(string rolloutKey, string orgName, string addon, RolloutState s, CancellationToken cancellationToken)
    {
        var baselinedAt = s.ManualActions.LastOrDefault(a => a.Action == ManualActionEntry.Baseline)?.At;
        var latest = s.Triggers
            .Where(t => t.Event.Version == s.LastKnownVersion && (baselinedAt is not { } at || t.Event.At > at))
            .GroupBy(t => (t.Instance, t.Job))
            .Select(g => g.MaxBy(t => t.Event.Number)!)
            .ToList();
        var open = new List<Telemetry.OpenTrigger>();
        foreach (var record in latest)
        {
            if (await StatusAsync(record, cancellationToken) is { } status
                && (!status.IsFinished() || status == TriggerStatus.DeliveryFailed))
            {
                open.Add(new Telemetry.OpenTrigger(record.Instance, record.Job, status, record.Event.At));
            }
        }

        var keep = latest.Select(r => r.TriggerId).ToHashSet(StringComparer.Ordinal);
        foreach (var id in _finished.Keys.Where(id => !keep.Contains(id)).ToList())
        {
            _finished.Remove(id);
        }

        Telemetry.RecordOpenTriggers(rolloutKey, orgName, addon, open, clock);
    }

    /// <summary>The trigger's status; null when it cannot be read now (the next check tries again).</summary>
    private async Task<TriggerStatus?> StatusAsync(TriggerRecord record, CancellationToken cancellationToken)
    {
        if (!record.Submitted)
        {
            return TriggerStatus.Pending;
        }

        if (_finished.TryGetValue(record.TriggerId, out var finished))
        {
            return finished;
        }

        try
        {
            var status = (await dispatcher.GetSnapshotAsync(record.TriggerId, cancellationToken))?.Delivery.Status;
            if (status is { } done && done.IsFinished())
            {
                _finished[record.TriggerId] = done;
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
