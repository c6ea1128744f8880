using AddonGrains.Grains.Storage;

namespace AddonGrains.Grains.Rollouts;

/// <summary>How an operator action (retrigger, baseline) meets a state store that fails: it says so, and never half-applies.</summary>
internal sealed partial class RolloutGrain
{
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
}
