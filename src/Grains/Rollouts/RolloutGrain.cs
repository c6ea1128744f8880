using Microsoft.Extensions.DependencyInjection;
using System.Diagnostics;
using AddonGrains.Grains.Decision;
using AddonGrains.Grains.Hosting;
using AddonGrains.Grains.Placement;
using AddonGrains.Grains.Storage;
using AddonGrains.Grains.Triggers;

namespace AddonGrains.Grains.Rollouts;

/// <summary>
/// One organization × add-on. A durable reminder (period <c>polling.interval</c>) keeps it scheduled; while a
/// rollout is in progress a grain timer checks every <c>polling.rolloutInterval</c>. Each check asks the
/// organization grain for the fleet, applies <see cref="RolloutDecider"/>, writes state only when it changed, and
/// hands new triggers to the <see cref="ITriggerDispatcher"/> after the write that created them. A failed write
/// is recovered (see <see cref="StateWriter{T}"/>) before the next call or check relies on the state. Lives on its
/// organization's home silo and moves there, when idle, after a check finds it elsewhere (docs/decisions.md).
/// Each decision is a plain class beside it (<see cref="RolloutCheck"/>, <see cref="RolloutHistory"/>, ...); when it checks is in
/// <c>RolloutGrain.Schedule.cs</c>, what operators read and do in <c>RolloutGrain.Operator.cs</c>.
/// </summary>
[OrganizationPlacement]
internal sealed partial class RolloutGrain(
    [PersistentState("rollout", StorageNames.Rollouts)] IPersistentState<RolloutState> state,
    SettingsSource settingsSource,
    ITriggerDispatcher dispatcher,
    TransportSecurity transport,
    Notifications.NotificationRecorder notifications,
    OrganizationHomes homes,
    [FromKeyedServices(Clock.Key)] TimeProvider clock,
    ILogger<RolloutGrain> logger) : Grain, IRolloutGrain, IRemindable
{
    // Read at each use: a reloaded configuration counts from the next check on.
    private AddonGrainsSettings Settings => settingsSource.Current;

    private RolloutAssessment? _assessment;
    private FleetObservation? _fleet;
    private DateTimeOffset? _lastCheckAt;
    private IGrainTimer? _rolloutTimer;
    private readonly StateWriter<RolloutState> _store = new(state, "rollout", s => s.Migrate());
    private readonly TriggerOutbox _outbox = new(dispatcher, logger);
    private readonly OpenTriggerGauge _openTriggers = new(dispatcher, clock, logger);
    private readonly RolloutNotifications _notifications = new(notifications, clock);
    private readonly RolloutVerdicts _verdicts = new();

    private string Key => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        state.State.Migrate();
        LogActivated(logger, Key, state.State.LastKnownVersion, state.State.LastPhase);

        // A crash between the write that created triggers and their hand-over leaves them unsubmitted: finish the job.
        await SubmitPendingTriggersAsync(cancellationToken);

        // Moved here (a new home, a silo lost) while a rollout was moving: keep checking at the fast pace.
        if (state.State.Active)
        {
            ScheduleRolloutTimer(state.State.LastPhase);
        }
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        // Another activation (maybe on another silo) reports this rollout's gauges from its own next check.
        ForgetGauges();
        return Task.CompletedTask;
    }

    private async Task<RolloutStatus> CheckCoreAsync(TimeSpan maxAge, CancellationToken cancellationToken)
    {
        var (orgName, addon) = RolloutKey.Parse(Key);
        await _store.RecoverAsync();
        using var activity = Telemetry.Source.StartActivity(Telemetry.CheckSpan);
        activity?.SetTag(Telemetry.Tags.Organization, orgName).SetTag(Telemetry.Tags.Addon, addon);
        var started = Stopwatch.GetTimestamp();
        var organization = Organization();
        _fleet = organization is null
            ? FleetObservation.Failed($"'{Key}' is not in the configuration", clock.GetUtcNow())
            : await ObserveAsync(orgName, maxAge, cancellationToken);

        var s = state.State;
        var (phaseBefore, eventsBefore, triggersBefore) = (s.LastPhase, s.ConvergenceEvents, s.Triggers.Count);
        var now = clock.GetUtcNow();
        var check = RolloutCheck.Run(s, _fleet, Settings, organization, addon, now);
        var assessment = check.Assessment;
        (_assessment, _lastCheckAt) = (assessment, now);
        if (check.PauseEnded is { } until)
        {
            LogPauseEnded(logger, Key, until);
        }

        if (check.Recorded is { } recorded)
        {
            LogRecorded(logger, Key, recorded.Version, recorded.PreviousVersion, recorded.Decision.Kind, recorded.Decision.Direction);
        }

        _notifications.NoteEvents(state.State, Settings, assessment, organization, addon, phaseBefore, eventsBefore);
        Telemetry.RecordRollout(Key, orgName, addon, assessment.Phase, assessment.ClustersApplicable, assessment.ClustersOnTarget, s.RolloutStartedAt, clock);
        try
        {
            if (check.Changed)
            {
                // Throws when it fails: the triggers it created are handed over only once they are in storage.
                await _store.WriteAsync();
            }

            await _notifications.RecordAsync(Key);
            await SubmitPendingTriggersAsync(cancellationToken);
            await TrimHistoryAsync(cancellationToken);
            await _openTriggers.RecordAsync(Key, orgName, addon, state.State, cancellationToken);
            await RecordRolloutGaugesAsync(cancellationToken);
        }
        finally
        {
            // Last: when this check runs in the fast timer and the rollout has ended, stopping the timer cancels the
            // token of the very callback running this check, and the hand-over above must not see that cancellation.
            ScheduleRolloutTimer(assessment.Phase);
            if (homes.IsAway(GrainContext, orgName))
            {
                MigrateOnIdle();
            }
        }

        Telemetry.RecordCheck(orgName, addon, assessment.Phase, Stopwatch.GetElapsedTime(started));
        Telemetry.TagCheck(activity, assessment, s.LastKnownVersion, s.Triggers.Count - triggersBefore);
        return Status();
    }

    private async Task<FleetObservation> ObserveAsync(string orgName, TimeSpan maxAge, CancellationToken cancellationToken)
    {
        try
        {
            return await GrainFactory.GetGrain<IOrganizationGrain>(orgName).ObserveAsync(maxAge, cancellationToken);
        }
        catch (Exception ex) when (ex is TimeoutException or OrleansException or UpstreamException)
        {
            return FleetObservation.Failed($"observing the fleet failed: {ex.Message}", clock.GetUtcNow());
        }
    }

    private async Task SubmitPendingTriggersAsync(CancellationToken cancellationToken)
    {
        // While paused, new triggers are held: they stay unsubmitted (durably) until resume or the pause's end.
        var pending = state.State.Triggers.Where(t => !t.Submitted).ToList();
        if (pending.Count == 0 || state.State.Pause is not null || Organization() is null
            || !await _outbox.HandOverAsync(pending, RequestFor, cancellationToken))
        {
            return;
        }

        try
        {
            await _store.WriteAsync();
        }
        catch (StateWriteException ex)
        {
            // Handing over is idempotent: the marks are written at the next check, or handed over again.
            TriggerOutbox.LogSubmitFailed(logger, string.Join(", ", pending.Select(t => t.TriggerId)), ex.Message);
        }
    }

    /// <summary>
    /// Drops the records of events older than the last <c>history.keep</c>, once their triggers are finished: each
    /// trigger grain is told first (it clears its state after <c>triggerStateRetention</c>), so a crash in between
    /// only leaves a record to drop at the next trim. Unsubmitted and unfinished triggers stay.
    /// </summary>
    private async Task TrimHistoryAsync(CancellationToken cancellationToken)
    {
        var candidates = RolloutHistory.ToRetire(state.State.Triggers, Settings.History.Keep);
        var retired = await _outbox.RetireAsync(candidates, Settings.History.TriggerStateRetention, cancellationToken);
        if (retired.Count > 0 && state.State.Triggers.RemoveAll(r => retired.Contains(r.TriggerId)) > 0)
        {
            try
            {
                await _store.WriteAsync();
                LogTrimmed(logger, Key, retired.Count, state.State.Triggers.Count);
            }
            catch (StateWriteException ex)
            {
                // Retiring is idempotent: the records are dropped again at the next trim.
                TriggerOutbox.LogRetireFailed(logger, string.Join(", ", retired), ex.Message);
            }
        }
    }

    private OrganizationSettings? Organization()
    {
        var (orgName, addon) = RolloutKey.Parse(Key);
        var organization = Settings.FindOrganization(orgName);
        return organization is not null && organization.Addons.Contains(addon) ? organization : null;
    }

    private void ForgetGauges()
    {
        Telemetry.ForgetRollout(Key);
        RolloutTelemetry.Forget(Key);
    }

    private RolloutStatus Status() => RolloutReads.Status(Key, Organization(), state.State, _assessment, _lastCheckAt,
        _rolloutTimer is null ? Settings.Polling.Interval : Settings.Polling.RolloutInterval, settingsSource.Hash);

    private TriggerRequest RequestFor(TriggerRecord record) => RolloutTriggers.Request(Settings, Key, Organization(), record);

    [LoggerMessage(Level = LogLevel.Information, Message = "Rollout {RolloutKey} activated on this silo (last known version {Version}, last phase {Phase})")]
    private static partial void LogActivated(ILogger logger, string rolloutKey, string? version, RolloutPhase phase);

    [LoggerMessage(Level = LogLevel.Information, Message = "Rollout {RolloutKey} recorded version {Version} (was {PreviousVersion}): {Decision} {Direction}")]
    private static partial void LogRecorded(ILogger logger, string rolloutKey, string version, string? previousVersion, DecisionKind decision, UpgradeDirection? direction);

    [LoggerMessage(Level = LogLevel.Information, Message = "Rollout {RolloutKey}: the pause ended at {Until}; held triggers are delivered")]
    private static partial void LogPauseEnded(ILogger logger, string rolloutKey, DateTimeOffset until);

    [LoggerMessage(Level = LogLevel.Information, Message = "Rollout {RolloutKey}: {Dropped} finished triggers left the history ({Kept} kept)")]
    private static partial void LogTrimmed(ILogger logger, string rolloutKey, int dropped, int kept);
}
