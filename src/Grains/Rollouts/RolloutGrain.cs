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

    internal const string ReminderName = "check";

    private RolloutAssessment? _assessment;
    private FleetObservation? _fleet;
    private DateTimeOffset? _lastCheckAt;
    private IGrainTimer? _rolloutTimer;
    private readonly StateWriter<RolloutState> _store = new(state, "rollout", s => s.Migrate());
    private readonly TriggerOutbox _outbox = new(dispatcher, logger);
    private readonly OpenTriggerGauge _openTriggers = new(dispatcher, clock, logger);
    private readonly RolloutNotifications _notifications = new(notifications, clock);

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
        Telemetry.ForgetRollout(Key);
        RolloutTelemetry.Forget(Key);
        return Task.CompletedTask;
    }

    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        var period = ReminderPeriod();
        await _store.RecoverAsync();
        await this.RegisterOrUpdateReminder(ReminderName, TimeSpan.FromSeconds(1), period, cancellationToken);
        if (!state.State.Active)
        {
            state.State.Active = true;
            await _store.WriteAsync();
        }

        LogStarted(logger, Key, period);
    }

    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        await _store.RecoverAsync();
        if (await this.GetReminder(ReminderName, cancellationToken) is { } reminder)
        {
            await this.UnregisterReminder(reminder, cancellationToken);
        }

        _rolloutTimer?.Dispose();
        _rolloutTimer = null;
        if (state.State.Active)
        {
            state.State.Active = false;
            await _store.WriteAsync();
        }

        LogStopped(logger, Key);
        Telemetry.ForgetRollout(Key);
        RolloutTelemetry.Forget(Key);
        DeactivateOnIdle();
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName == ReminderName && IsDue(Settings.Polling.Interval))
        {
            await CheckCoreAsync(MaxObservationAge(), CancellationToken.None);
        }
    }

    public Task<RolloutStatus> CheckAsync(CancellationToken cancellationToken = default) =>
        CheckCoreAsync(TimeSpan.Zero, cancellationToken);

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
        var now = clock.GetUtcNow();
        var assessment = RolloutDecider.Decide(new DecisionInput(addon, _fleet.Clusters, _fleet.Error, s.LastKnownVersion,
            new RolloutMemory(s.RolloutStartedAt, s.ConvergedVersion, s.ConvergedSince), organization?.Policy ?? Settings.Policy, now));
        _assessment = assessment;
        _lastCheckAt = now;

        var triggersBefore = s.Triggers.Count;
        var (phaseBefore, eventsBefore) = (s.LastPhase, s.ConvergenceEvents);
        var pauseEnded = EndExpiredPause(now);
        var changed = Apply(assessment, organization, addon, now) || pauseEnded;
        _notifications.NoteEvents(state.State, Settings, assessment, organization, addon, phaseBefore, eventsBefore);
        Telemetry.RecordRollout(Key, orgName, addon, assessment.Phase, assessment.ClustersApplicable, assessment.ClustersOnTarget, s.RolloutStartedAt, clock);
        try
        {
            if (changed)
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
        activity?.SetTag(Telemetry.Tags.Phase, assessment.Phase.ToString())
            .SetTag(Telemetry.Tags.TargetVersion, assessment.TargetVersion)
            .SetTag(Telemetry.Tags.LastKnownVersion, s.LastKnownVersion)
            .SetTag(Telemetry.Tags.ClustersTotal, assessment.ClustersTotal)
            .SetTag(Telemetry.Tags.ClustersApplicable, assessment.ClustersApplicable)
            .SetTag(Telemetry.Tags.ClustersOnTarget, assessment.ClustersOnTarget)
            .SetTag(Telemetry.Tags.ClustersExcluded, assessment.Excluded.Length)
            .SetTag(Telemetry.Tags.TriggersCreated, s.Triggers.Count - triggersBefore);
        if (assessment.Phase == RolloutPhase.Inconclusive)
        {
            activity?.SetStatus(ActivityStatusCode.Error, assessment.Error);
        }

        return BuildStatus();
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

    /// <summary>Folds the assessment into the state (<see cref="CheckTransition"/>); true when the state changed and must be written.</summary>
    private bool Apply(RolloutAssessment assessment, OrganizationSettings? organization, string addon, DateTimeOffset now)
    {
        var s = state.State;
        var before = s.GetFacts();
        var (after, recorded) = CheckTransition.Apply(before, assessment, organization is not null);
        s.SetFacts(after);
        if (recorded is not null && organization is not null)
        {
            var triggerEvent = new TriggerEvent(recorded.Number, recorded.Version, recorded.PreviousVersion, recorded.Direction, now);
            foreach (var test in recorded.Triggers ? organization.TestsFor(addon) : [])
            {
                s.Triggers.Add(RolloutTriggers.Create(Settings, organization, addon, test, triggerEvent));
            }

            LogRecorded(logger, Key, recorded.Version, recorded.PreviousVersion, recorded.Decision.Kind, recorded.Decision.Direction);
        }

        return after != before;
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

    private TriggerRequest RequestFor(TriggerRecord record) => RolloutTriggers.Request(Settings, Key, Organization(), record);

    private void ScheduleRolloutTimer(RolloutPhase phase)
    {
        var moving = phase is RolloutPhase.RollingOut or RolloutPhase.Stalled or RolloutPhase.Inconclusive;
        var fast = Settings.Polling.RolloutInterval < Settings.Polling.Interval;
        if (moving && fast && _rolloutTimer is null)
        {
            _rolloutTimer = this.RegisterGrainTimer(async ct =>
            {
                if (IsDue(Settings.Polling.RolloutInterval))
                {
                    await CheckCoreAsync(MaxObservationAge(), ct);
                }
            }, new GrainTimerCreationOptions(Settings.Polling.RolloutInterval, Settings.Polling.RolloutInterval) { KeepAlive = true });
        }
        else if (!moving && _rolloutTimer is not null)
        {
            _rolloutTimer.Dispose();
            _rolloutTimer = null;
        }
    }

    private OrganizationSettings? Organization()
    {
        var (orgName, addon) = RolloutKey.Parse(Key);
        var organization = Settings.FindOrganization(orgName);
        return organization is not null && organization.Addons.Contains(addon) ? organization : null;
    }

    private bool IsDue(TimeSpan period) => _lastCheckAt is not { } last || clock.GetUtcNow() - last >= period / 2;

    // Add-ons of one organization share an observation made within half the fast interval.
    private TimeSpan MaxObservationAge() => Settings.Polling.RolloutInterval / 2;

    private TimeSpan ReminderPeriod() => Settings.Polling.Interval;
}
