using System.Globalization;

namespace AddonGrains.Grains.Rollouts;

/// <summary>
/// The pause switch (CLI <c>pause</c> and <c>resume</c>): while paused, checks go on and record what they see, but
/// new triggers stay unsubmitted in the durable state ("held"); resume, or the first check after the pause's end,
/// hands them over once (a trigger record is submitted once, and the trigger pipeline is idempotent per trigger id).
/// </summary>
internal sealed partial class RolloutGrain
{
    public async Task<ManualActionResult> PauseAsync(string? until, OperatorRequest request, CancellationToken cancellationToken = default)
    {
        using var span = OperatorAudit.StartSpan(ManualActionEntry.Pause, Key, request, transport);
        if (OperatorAudit.Refusal(request) is { } refusal)
        {
            return ManualActionResult.Refused(refusal);
        }

        var now = clock.GetUtcNow();
        var (end, error) = PauseEnd(until, now);
        if (error is not null)
        {
            return ManualActionResult.Refused(error);
        }

        if (await RecoverForActionAsync() is { } unavailable)
        {
            return unavailable;
        }

        var again = state.State.Pause is not null;
        var entry = OperatorAudit.Record(state.State, ManualActionEntry.Pause, null, state.State.LastKnownVersion ?? "", null, request, transport, now, Settings.History.Keep);
        state.State.Pause = new PauseInfo(entry.Actor, entry.Authenticated, entry.Reason, again ? state.State.Pause!.Since : now, end);
        if (await StoreActionAsync(s => s.ManualActions.Contains(entry)) is { } failed)
        {
            return failed;
        }

        await RecordRolloutGaugesAsync(cancellationToken);
        LogPaused(logger, Key, end, entry.Actor, entry.Reason);
        var untilText = end is { } e ? $"until {Format(e)}" : "until 'resume'";
        return ManualActionResult.Done($"{(again ? "pause updated" : "paused")} {untilText}: checks go on, new triggers are held and delivered at the end");
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

        var held = await DeliverHeldAsync(cancellationToken);
        LogResumed(logger, Key, held, entry.Actor, entry.Reason);
        return ManualActionResult.Done($"resumed: {held} held trigger(s) handed to Jenkins");
    }

    /// <summary>At a check: a pause whose end has come is over (recorded in the trail); true when the state changed.</summary>
    private bool EndExpiredPause(DateTimeOffset now)
    {
        if (state.State.Pause is not { Until: { } until } pause || now < until)
        {
            return false;
        }

        state.State.Pause = null;
        OperatorAudit.Append(state.State, new ManualActionEntry(ManualActionEntry.Resume, null, state.State.LastKnownVersion ?? "", null,
            "addongrains", true, $"the pause by {pause.Actor} ended at {Format(until)}", now), Settings.History.Keep);
        LogPauseEnded(logger, Key, until);
        return true;
    }

    private async Task<int> DeliverHeldAsync(CancellationToken cancellationToken)
    {
        var held = state.State.Triggers.Count(t => !t.Submitted);
        await SubmitPendingTriggersAsync(cancellationToken);
        await RecordRolloutGaugesAsync(cancellationToken);
        return held;
    }

    /// <summary>The end of a pause from <c>--until</c>: a time, or a duration from <paramref name="now"/>; null: until resume.</summary>
    internal static (DateTimeOffset? End, string? Error) PauseEnd(string? until, DateTimeOffset now)
    {
        if (until is null)
        {
            return (null, null);
        }

        if (Durations.TryParse(until, out var duration))
        {
            return duration > TimeSpan.Zero ? (now + duration, null) : (null, $"--until {until}: a duration must be longer than 0");
        }

        if (!DateTimeOffset.TryParse(until.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var end))
        {
            return (null, $"--until '{until}' is neither a time (e.g. 2026-12-24T18:00:00Z) nor a duration (30m, 2h, 1d, hh:mm:ss)");
        }

        return end > now ? (end, null) : (null, $"--until {Format(end)} is in the past (the silo's clock says {Format(now)})");
    }

    private static string Format(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    [LoggerMessage(Level = LogLevel.Information, Message = "Rollout {RolloutKey}: paused until {Until} by {Actor}, reason: {Reason}")]
    private static partial void LogPaused(ILogger logger, string rolloutKey, DateTimeOffset? until, string actor, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Rollout {RolloutKey}: resumed by {Actor} ({Held} held triggers delivered), reason: {Reason}")]
    private static partial void LogResumed(ILogger logger, string rolloutKey, int held, string actor, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Rollout {RolloutKey}: the pause ended at {Until}; held triggers are delivered")]
    private static partial void LogPauseEnded(ILogger logger, string rolloutKey, DateTimeOffset until);
}
