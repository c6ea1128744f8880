using AddonGrains.Grains.Storage;

namespace AddonGrains.Grains.Rollouts;

/// <summary>The rollout's trigger history: pages read side by side, and the bound of <c>history.keep</c> events.</summary>
internal sealed partial class RolloutGrain
{
    public async Task<ImmutableArray<TriggerSnapshot>> GetHistoryAsync(CancellationToken cancellationToken = default) =>
        (await GetHistoryPageAsync(int.MaxValue, null, cancellationToken)).Triggers;

    public async Task<TriggerHistoryPage> GetHistoryPageAsync(int limit, string? before, CancellationToken cancellationToken = default)
    {
        if (limit < 1)
        {
            return new TriggerHistoryPage([], false, $"the limit must be at least 1 (got {limit})");
        }

        // Selected before the first await: this read interleaves with checks, which may add or drop records meanwhile.
        if (RolloutHistory.Page(state.State.Triggers, limit, before) is not { } page)
        {
            return new TriggerHistoryPage([], false, $"trigger '{before}' is not in the history of {Key} (it keeps the last {Settings.History.Keep} events)");
        }

        var (rows, hasMore) = page;
        return new TriggerHistoryPage([.. await _outbox.SnapshotsAsync(rows, RequestFor, state.State.Pause is not null, cancellationToken)], hasMore);
    }

    /// <summary>
    /// Drops the records of events older than the last <c>history.keep</c>, once their triggers are finished: each
    /// trigger grain is told first (it clears its state after <c>triggerStateRetention</c>), so a crash in between
    /// only leaves a record to drop at the next trim. Unsubmitted and unfinished triggers stay.
    /// </summary>
    private async Task TrimHistoryAsync(CancellationToken cancellationToken)
    {
        var candidates = RolloutHistory.BeyondKept(state.State.Triggers, Settings.History.Keep).Where(r => r.Submitted).ToList();
        if (candidates.Count == 0)
        {
            return;
        }

        var retention = Settings.History.TriggerStateRetention;
        var retired = await Task.WhenAll(candidates.Select(async record =>
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
        var dropped = retired.OfType<string>().ToHashSet(StringComparer.Ordinal);
        if (dropped.Count > 0 && state.State.Triggers.RemoveAll(r => dropped.Contains(r.TriggerId)) > 0)
        {
            try
            {
                await _store.WriteAsync();
                LogTrimmed(logger, Key, dropped.Count, state.State.Triggers.Count);
            }
            catch (StateWriteException ex)
            {
                // Retiring is idempotent: the records are dropped again at the next trim.
                LogRetireFailed(logger, string.Join(", ", dropped), ex.Message);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Rollout {RolloutKey}: {Dropped} finished triggers left the history ({Kept} kept)")]
    private static partial void LogTrimmed(ILogger logger, string rolloutKey, int dropped, int kept);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Retiring trigger {TriggerId} failed, will retry at the next check: {Reason}")]
    private static partial void LogRetireFailed(ILogger logger, string triggerId, string reason);
}
