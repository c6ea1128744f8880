using Orleans.Storage;

namespace AddonGrains.Grains.Storage;

/// <summary>What a grain wants when a write of its state fails.</summary>
internal enum OnWriteFailure
{
    /// <summary>Keep the in-memory state (it holds what this activation did, e.g. a Jenkins queue id) and write it again.</summary>
    RetryWrite,

    /// <summary>Drop the in-memory change and go back to what storage holds (an operator action that reports failure).</summary>
    Reload,
}

/// <summary>
/// Writes one grain's state so that a failed write never leaves the grain out of step with the database. Orleans
/// leaves the grain's <c>State</c> as mutated after a failed write and keeps the old ETag; when
/// the write committed before the connection dropped, that ETag is stale and every later write fails with an
/// <see cref="InconsistentStateException"/>. So a failure leaves a recovery pending, and the grain calls
/// <see cref="RecoverAsync"/> before it relies on its state: the same write again, or a re-read when storage
/// answers with an ETag conflict (the "failed" write landed after all, or another activation wrote) — the grain
/// then carries on from what storage holds, brought to the current schema by <paramref name="migrate"/>.
/// </summary>
internal sealed class StateWriter<T>(IPersistentState<T> state, string grain, Action<T>? migrate = null)
{
    private Recovery _pending;

    private enum Recovery
    {
        None,
        Write,
        Read,
    }

    /// <summary>True while a failed write is not recovered yet: the in-memory state may not be what storage holds.</summary>
    public bool Unsaved => _pending != Recovery.None;

    /// <summary>Writes the state; throws <see cref="StateWriteException"/> when it did not, leaving a recovery pending.</summary>
    public async Task WriteAsync(OnWriteFailure onFailure = OnWriteFailure.RetryWrite)
    {
        try
        {
            await state.WriteStateAsync();
            _pending = Recovery.None;
            Telemetry.StateWrites.Add(1, new KeyValuePair<string, object?>("grain", grain));
        }
        catch (Exception ex)
        {
            Telemetry.StateWriteFailures.Add(1, new KeyValuePair<string, object?>("grain", grain));
            _pending = onFailure == OnWriteFailure.Reload || IsConflict(ex) ? Recovery.Read : Recovery.Write;
            if (_pending == Recovery.Read)
            {
                await TryRecoverAsync();
            }

            throw new StateWriteException(grain, ex);
        }
    }

    /// <summary>
    /// Call before relying on the state (at every entry point that reads or changes it). Does nothing when the last
    /// write succeeded; otherwise writes the kept state again or re-reads it. Throws <see cref="StateWriteException"/>
    /// while storage does not answer.
    /// </summary>
    public async Task RecoverAsync()
    {
        try
        {
            await RecoverCoreAsync();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw new StateWriteException(grain, ex);
        }
    }

    private async Task RecoverCoreAsync()
    {
        if (_pending == Recovery.Write)
        {
            try
            {
                await state.WriteStateAsync();
                _pending = Recovery.None;
                Telemetry.StateWrites.Add(1, new KeyValuePair<string, object?>("grain", grain));
                return;
            }
            catch (Exception ex) when (IsConflict(ex))
            {
                _pending = Recovery.Read;
            }
        }

        if (_pending == Recovery.Read)
        {
            await state.ReadStateAsync();
            migrate?.Invoke(state.State);
            _pending = Recovery.None;
        }
    }

    private async Task TryRecoverAsync()
    {
        try
        {
            await RecoverCoreAsync();
        }
        catch (Exception)
        {
            // Storage is still away: the recovery stays pending and the next RecoverAsync redoes it.
        }
    }

    private static bool IsConflict(Exception? ex)
    {
        for (; ex is not null; ex = ex.InnerException)
        {
            if (ex is InconsistentStateException)
            {
                return true;
            }
        }

        return false;
    }
}
