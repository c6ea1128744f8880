using AddonGrains.Grains.Storage;

namespace AddonGrains.Grains.Rollouts;

/// <summary>
/// The operator's manual actions on one organization × add-on (CLI <c>retrigger</c> and <c>baseline</c>; <c>pause</c>
/// and <c>resume</c> in <c>RolloutGrain.Pause.cs</c>), each recorded with who and why (<see cref="OperatorAudit"/>) in the
/// same write as the change itself. A state store that fails makes an action say so, never half-apply it.
/// </summary>
internal sealed partial class RolloutGrain
{
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
        var matches = organization.TestsFor(addon)
            .Where(t => t.Name == job && (instance is null || t.Instance == instance)).ToImmutableArray();
        if (matches.Length != 1)
        {
            var known = string.Join(", ", organization.TestsFor(addon).Select(t => $"{t.Name} (instance {t.Instance})"));
            return ManualActionResult.Refused(matches.IsEmpty
                ? $"no subscribed job '{job}'{(instance is null ? "" : $" on instance '{instance}'")}; subscribed: {known}"
                : $"job '{job}' is subscribed on several instances; pass --instance (subscribed: {known})");
        }

        var triggerEvent = new TriggerEvent(++state.State.ConvergenceEvents, version, state.State.PreviousKnownVersion, UpgradeDirection.Manual, clock.GetUtcNow());
        var record = RolloutTriggers.Create(Settings, organization, addon, matches[0], triggerEvent);
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
        if (OperatorAudit.Refusal(request) is { } refusal)
        {
            return ManualActionResult.Refused(refusal);
        }

        if (string.IsNullOrWhiteSpace(version) || version.Length > 128 || version.Any(char.IsControl))
        {
            return ManualActionResult.Refused("the version must be 1 to 128 printable characters");
        }

        if (await RecoverForActionAsync() is { } unavailable)
        {
            return unavailable;
        }

        var previous = state.State.LastKnownVersion;
        state.State.PreviousKnownVersion = previous;
        state.State.LastKnownVersion = version;
        var entry = OperatorAudit.Record(state.State, ManualActionEntry.Baseline, null, version, previous, request, transport, clock.GetUtcNow(), Settings.History.Keep);
        if (await StoreActionAsync(s => s.ManualActions.Contains(entry)) is { } failed)
        {
            return failed;
        }

        LogBaseline(logger, Key, version, previous, entry.Actor, entry.Reason);
        return ManualActionResult.Done($"last known version set to {version} (was {previous ?? "none"}); nothing triggered");
    }

    public Task<ImmutableArray<ManualActionEntry>> GetManualActionsAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult(state.State.ManualActions.AsEnumerable().Reverse().ToImmutableArray());

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
}
