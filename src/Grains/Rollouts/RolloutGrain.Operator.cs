using AddonGrains.Grains.Storage;

namespace AddonGrains.Grains.Rollouts;

/// <summary>
/// What the CLI and the status page ask of one organization × add-on. Reads never wait behind a check: they interleave
/// with it and select what they show before their first await. Each operator action (rules in <see cref="OperatorActions"/>)
/// is recorded with who and why (<see cref="OperatorAudit"/>) in the same write as the change itself; a state store
/// that fails makes an action say so, never half-apply it.
/// </summary>
internal sealed partial class RolloutGrain
{
    public Task<RolloutStatus> GetStatusAsync(CancellationToken cancellationToken = default) => Task.FromResult(Status());

    public Task<ImmutableArray<ClusterStatus>> GetClustersAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult(RolloutReads.Clusters(_fleet, RolloutKey.Parse(Key).Addon));

    public async Task<ImmutableArray<TriggerSnapshot>> GetHistoryAsync(CancellationToken cancellationToken = default) =>
        (await GetHistoryPageAsync(int.MaxValue, null, cancellationToken)).Triggers;

    public async Task<TriggerHistoryPage> GetHistoryPageAsync(int limit, string? before, CancellationToken cancellationToken = default)
    {
        // Selected before the first await: this read interleaves with checks, which may add or drop records meanwhile.
        var (page, refusal) = RolloutHistory.Read(state.State.Triggers, limit, before, Key, Settings.History.Keep);
        return page is not { } p ? new TriggerHistoryPage([], false, refusal)
            : new TriggerHistoryPage([.. await _outbox.SnapshotsAsync(p.Rows, RequestFor, state.State.Pause is not null, cancellationToken)], p.HasMore);
    }

    public Task<VersionVerdict> GetVerdictAsync(string? version, CancellationToken cancellationToken = default) =>
        _verdicts.AnswerAsync(state.State, Key, Organization(), Settings.History.Keep, version,
            latest => _outbox.SnapshotsAsync(latest, RequestFor, state.State.Pause is not null, cancellationToken));

    public Task<ImmutableArray<ManualActionEntry>> GetManualActionsAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult(state.State.ManualActions.AsEnumerable().Reverse().ToImmutableArray());

    public async Task<ManualActionResult> RetriggerAsync(string job, string? instance, OperatorRequest request, CancellationToken cancellationToken = default)
    {
        using var span = OperatorAudit.StartSpan(ManualActionEntry.Retrigger, Key, request, transport);
        if (OperatorAudit.Refusal(request) is { } refusal)
        {
            return ManualActionResult.Refused(refusal);
        }

        if (Organization() is not { } organization)
        {
            return ManualActionResult.Refused($"'{Key}' is no longer in the configuration");
        }

        if (await RecoverForActionAsync() is { } unavailable)
        {
            return unavailable;
        }

        if (state.State.LastKnownVersion is not { } version)
        {
            return ManualActionResult.Refused("there is no last known version yet, so there is nothing to retrigger (see 'baseline')");
        }

        var (_, addon) = RolloutKey.Parse(Key);
        var (test, noJob) = OperatorActions.Job(organization, addon, job, instance);
        if (test is null)
        {
            return ManualActionResult.Refused(noJob!);
        }

        var triggerEvent = new TriggerEvent(++state.State.ConvergenceEvents, version, state.State.PreviousKnownVersion, UpgradeDirection.Manual, clock.GetUtcNow());
        var record = RolloutTriggers.Create(Settings, organization, addon, test, triggerEvent);
        state.State.Triggers.Add(record);
        var entry = OperatorAudit.Record(state.State, ManualActionEntry.Retrigger, record.TriggerId, version, triggerEvent.PreviousVersion, request, transport, triggerEvent.At, Settings.History.Keep);
        if (await StoreActionAsync(s => s.Triggers.Any(t => t.TriggerId == record.TriggerId)) is { } failed)
        {
            return failed;
        }

        await SubmitPendingTriggersAsync(cancellationToken);
        await TrimHistoryAsync(cancellationToken);
        LogManualTrigger(logger, Key, record.TriggerId, job, entry.Actor, entry.Reason);
        var held = state.State.Pause is null ? "" : "; held while the rollout is paused (delivered at resume)";
        return ManualActionResult.Done($"trigger {record.TriggerId} created for {job} at version {version}{held}", record.TriggerId);
    }

    public async Task<ManualActionResult> SetBaselineAsync(string version, OperatorRequest request, CancellationToken cancellationToken = default)
    {
        using var span = OperatorAudit.StartSpan(ManualActionEntry.Baseline, Key, request, transport);
        if ((OperatorAudit.Refusal(request) ?? OperatorActions.BaselineRefusal(version)) is { } refusal)
        {
            return ManualActionResult.Refused(refusal);
        }

        if (await RecoverForActionAsync() is { } unavailable)
        {
            return unavailable;
        }

        var previous = state.State.LastKnownVersion;
        (state.State.PreviousKnownVersion, state.State.LastKnownVersion) = (previous, version);
        var entry = OperatorAudit.Record(state.State, ManualActionEntry.Baseline, null, version, previous, request, transport, clock.GetUtcNow(), Settings.History.Keep);
        if (await StoreActionAsync(s => s.ManualActions.Contains(entry)) is { } failed)
        {
            return failed;
        }

        LogBaseline(logger, Key, version, previous, entry.Actor, entry.Reason);
        return ManualActionResult.Done($"last known version set to {version} (was {previous ?? "none"}); nothing triggered");
    }

    public async Task<ManualActionResult> PauseAsync(string? until, OperatorRequest request, CancellationToken cancellationToken = default)
    {
        using var span = OperatorAudit.StartSpan(ManualActionEntry.Pause, Key, request, transport);
        var now = clock.GetUtcNow();
        var (end, error) = OperatorActions.PauseEnd(until, now);
        if ((OperatorAudit.Refusal(request) ?? error) is { } refusal)
        {
            return ManualActionResult.Refused(refusal);
        }

        if (await RecoverForActionAsync() is { } unavailable)
        {
            return unavailable;
        }

        var entry = OperatorAudit.Record(state.State, ManualActionEntry.Pause, null, state.State.LastKnownVersion ?? "", null, request, transport, now, Settings.History.Keep);
        var answer = OperatorActions.Pause(state.State, entry, end, now);
        if (await StoreActionAsync(s => s.ManualActions.Contains(entry)) is { } failed)
        {
            return failed;
        }

        await RecordRolloutGaugesAsync(cancellationToken);
        LogPaused(logger, Key, end, entry.Actor, entry.Reason);
        return ManualActionResult.Done(answer);
    }

    public async Task<ManualActionResult> ResumeAsync(OperatorRequest request, CancellationToken cancellationToken = default)
    {
        using var span = OperatorAudit.StartSpan(ManualActionEntry.Resume, Key, request, transport);
        if (OperatorAudit.Refusal(request) is { } refusal)
        {
            return ManualActionResult.Refused(refusal);
        }

        if (await RecoverForActionAsync() is { } unavailable)
        {
            return unavailable;
        }

        if (state.State.Pause is null)
        {
            return ManualActionResult.Done("not paused; nothing changed");
        }

        state.State.Pause = null;
        var entry = OperatorAudit.Record(state.State, ManualActionEntry.Resume, null, state.State.LastKnownVersion ?? "", null, request, transport,
            clock.GetUtcNow(), Settings.History.Keep);
        if (await StoreActionAsync(s => s.Pause is null && s.ManualActions.Contains(entry)) is { } failed)
        {
            return failed;
        }

        var held = OperatorActions.Held(state.State);
        await SubmitPendingTriggersAsync(cancellationToken);
        await RecordRolloutGaugesAsync(cancellationToken);
        LogResumed(logger, Key, held, entry.Actor, entry.Reason);
        return ManualActionResult.Done($"resumed: {held} held trigger(s) handed to Jenkins");
    }

    /// <summary>The end of a pause from <c>--until</c> (<see cref="OperatorActions.PauseEnd"/>).</summary>
    internal static (DateTimeOffset? End, string? Error) PauseEnd(string? until, DateTimeOffset now) => OperatorActions.PauseEnd(until, now);

    /// <summary>Reports the last known version's verdict and the pause switch; a trigger grain that does not answer leaves the last report.</summary>
    private async Task RecordRolloutGaugesAsync(CancellationToken cancellationToken)
    {
        var (orgName, addon) = RolloutKey.Parse(Key);
        try
        {
            var verdict = await GetVerdictAsync(null, cancellationToken);
            RolloutTelemetry.Record(Key, orgName, addon, verdict.Version, verdict.Verdict, state.State.Pause is not null);
            _notifications.NoteVerdict(state.State, Settings, verdict);
            await _notifications.RecordAsync(Key);
        }
        catch (Exception ex) when (ex is TimeoutException or OrleansException)
        {
            LogVerdictUnavailable(logger, Key, ex.Message);
        }
    }

    /// <summary>Recovers an earlier failed write before the action reads the state; a refusal when storage does not answer.</summary>
    private async Task<ManualActionResult?> RecoverForActionAsync()
    {
        try
        {
            await _store.RecoverAsync();
            return null;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return ManualActionResult.Refused($"the state store does not answer, nothing was changed; try again: {ex.GetBaseException().Message}");
        }
    }

    /// <summary>
    /// Writes the action's change; on failure goes back to what storage holds and tells whether the change is there
    /// (the write may have committed before the connection dropped). Null when the change is stored.
    /// </summary>
    private async Task<ManualActionResult?> StoreActionAsync(Func<RolloutState, bool> stored)
    {
        try
        {
            await _store.WriteAsync(OnWriteFailure.Reload);
            return null;
        }
        catch (StateWriteException ex)
        {
            if (!_store.Unsaved && stored(state.State))
            {
                return null;
            }

            LogActionNotStored(logger, Key, ex.Message);
            return ManualActionResult.Refused(_store.Unsaved
                ? $"{ex.Message}; the state store did not answer afterwards, so whether the change took effect is unknown: look at 'history' or 'status' before trying again"
                : $"{ex.Message}; nothing was changed, try again");
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rollout {RolloutKey}: an operator action was not stored: {Reason}")]
    private static partial void LogActionNotStored(ILogger logger, string rolloutKey, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Rollout {RolloutKey}: manual trigger {TriggerId} for job {Job} by {Actor}, reason: {Reason}")]
    private static partial void LogManualTrigger(ILogger logger, string rolloutKey, string triggerId, string job, string actor, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Rollout {RolloutKey}: baseline set to {Version} (was {PreviousVersion}) by {Actor}, reason: {Reason}")]
    private static partial void LogBaseline(ILogger logger, string rolloutKey, string version, string? previousVersion, string actor, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Rollout {RolloutKey}: paused until {Until} by {Actor}, reason: {Reason}")]
    private static partial void LogPaused(ILogger logger, string rolloutKey, DateTimeOffset? until, string actor, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Rollout {RolloutKey}: resumed by {Actor} ({Held} held triggers delivered), reason: {Reason}")]
    private static partial void LogResumed(ILogger logger, string rolloutKey, int held, string actor, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rollout {RolloutKey}: the verdict gauge was not updated: {Reason}")]
    private static partial void LogVerdictUnavailable(ILogger logger, string rolloutKey, string reason);
}
