using AddonGrains.Grains.Triggers;

namespace AddonGrains.Grains.Rollouts;

/// <summary>
/// The rollout's side of the trigger pipeline: hands the triggers a check or an operator created to their trigger
/// grains (after the write that created them), and reads them back. Each trigger's request is built here, once, at
/// hand-over, from the configuration current then (docs/operations.md); until then the rollout keeps only its
/// <see cref="TriggerRecord"/>.
/// </summary>
internal sealed partial class TriggerOutbox(ITriggerDispatcher dispatcher, ILogger logger)
{
    /// <summary>
    /// Hands over <paramref name="pending"/> side by side (one slow or failing job never holds back another) and marks
    /// each accepted one <see cref="TriggerRecord.Submitted"/>; true when any was marked (the state must be written).
    /// </summary>
    public async Task<bool> HandOverAsync(IReadOnlyCollection<TriggerRecord> pending, Func<TriggerRecord, TriggerRequest> request,
        CancellationToken cancellationToken)
    {
        await Task.WhenAll(pending.Select(async record =>
        {
            try
            {
                await dispatcher.SubmitAsync(request(record), cancellationToken);
                record.Submitted = true;
            }
            catch (Exception ex) when (ex is TimeoutException or OrleansException)
            {
                LogSubmitFailed(logger, record.TriggerId, ex.Message);
            }
        }));
        return pending.Any(t => t.Submitted);
    }

    /// <summary>The triggers' snapshots, read side by side; one its trigger grain does not know (yet) shows its request, Pending.</summary>
    public async Task<TriggerSnapshot[]> SnapshotsAsync(IEnumerable<TriggerRecord> records, Func<TriggerRecord, TriggerRequest> request, bool paused,
        CancellationToken cancellationToken) =>
        await Task.WhenAll(records.Select(async record => await dispatcher.GetSnapshotAsync(record.TriggerId, cancellationToken)
            ?? RolloutTriggers.Unsubmitted(request(record), record.Submitted, paused)));

    /// <summary>
    /// Asks the trigger grains of <paramref name="records"/> to retire, side by side (each clears its state
    /// <paramref name="retention"/> after it finished; an unfinished one refuses); the ids of those that did.
    /// </summary>
    public async Task<HashSet<string>> RetireAsync(IReadOnlyCollection<TriggerRecord> records, TimeSpan retention, CancellationToken cancellationToken)
    {
        if (records.Count == 0)
        {
            return [];
        }

        var retired = await Task.WhenAll(records.Select(async record =>
        {
            try
            {
                return await dispatcher.RetireAsync(record.TriggerId, retention, cancellationToken) ? record.TriggerId : null;
            }
            catch (Exception ex) when (ex is TimeoutException or OrleansException)
            {
                LogRetireFailed(logger, record.TriggerId, ex.Message);
                return null;
            }
        }));
        return retired.OfType<string>().ToHashSet(StringComparer.Ordinal);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Retiring trigger {TriggerId} failed, will retry at the next check: {Reason}")]
    internal static partial void LogRetireFailed(ILogger logger, string triggerId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Handing trigger {TriggerId} over failed, will retry at the next check: {Reason}")]
    internal static partial void LogSubmitFailed(ILogger logger, string triggerId, string reason);
}
