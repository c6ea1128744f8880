using System.Diagnostics;
using AddonGrains.Grains.Notifications;
using AddonGrains.Grains.Storage;
using AddonGrains.Upstream.Jenkins;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AddonGrains.Grains.Triggers;

/// <summary>
/// One trigger: stores the <see cref="TriggerRequest"/> it is handed and drives its <see cref="DeliveryMachine"/>,
/// writing the delivery before every external call. A one-shot grain timer, re-armed after every step whatever the
/// step did, drives delivery and never stops while the trigger is unfinished: a step that fails for any reason other
/// than Jenkins (a state write, a reminder call) is retried at the next poll interval, after the failed write is
/// recovered. A durable reminder resumes delivery after a crash and whenever no tick is armed, and unregisters itself
/// once the trigger is finished and its last notification recorded.
/// </summary>
internal sealed partial class TriggerGrain(
    [PersistentState("trigger", StorageNames.Rollouts)] IPersistentState<TriggerState> state,
    IJenkinsClientFactory jenkins,
    IOptions<TriggerDeliveryOptions> options,
    IDeliveryProbe probe,
    NotificationRecorder notifications,
    [FromKeyedServices(Clock.Key)] TimeProvider clock,
    ILogger<TriggerGrain> logger) : Grain, ITriggerGrain, IRemindable
{
    private const string ReminderName = "deliver";

    private readonly StateWriter<TriggerState> _store = new(state, "trigger");
    private readonly HashSet<string> _announced = new(StringComparer.Ordinal);
    private IGrainTimer? _timer;
    private bool _tickArmed;

    private TriggerDeliveryOptions Options => options.Value;

    /// <summary>Finished, and the final status is in storage.</summary>
    private bool Done => state.State.Delivery.Status.IsFinished() && !_store.Unsaved;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        state.State.Migrate();
        if (state.State.Request is not null && !state.State.Delivery.Status.IsFinished())
        {
            ScheduleNext(TimeSpan.Zero);
        }

        return ClearWhenDueAsync();
    }

    /// <summary>
    /// Accepts the trigger (one write), registers the reminder and runs the first step. Idempotent: the rollout
    /// hands a trigger over again until a call succeeds, and a repeated call finishes whatever an earlier one did not.
    /// </summary>
    public async Task<TriggerSnapshot> SubmitAsync(TriggerRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        await RecoverAsync();
        if (state.State.Request is null)
        {
            state.State.Request = request;
            state.State.Delivery = new TriggerDelivery { Status = TriggerStatus.Pending, UpdatedAt = clock.GetUtcNow() };
            state.State.TraceParent = Activity.Current?.Id;
            await _store.WriteAsync();
            Telemetry.RecordTrigger(request, TriggerStatus.Pending);
            LogAccepted(logger, request.TriggerId, request.Job, request.Event.Version, request.Event.Direction);
        }
        else if (state.State.Delivery.Status.IsFinished() || _tickArmed)
        {
            return Snapshot()!;
        }

        await this.RegisterOrUpdateReminder(ReminderName, Options.ReminderPeriod, Options.ReminderPeriod, cancellationToken);

        // The first dispatch runs inside the caller's call, so the check's trace holds the Jenkins POST.
        await AdvanceAsync(cancellationToken, inline: true);
        return Snapshot()!;
    }

    public Task<TriggerSnapshot?> GetSnapshotAsync(CancellationToken cancellationToken = default) => Task.FromResult(Snapshot());

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName == RetentionReminderName)
        {
            await ClearWhenDueAsync();
        }
        else if (state.State.Request is null || Done)
        {
            await FinishAsync();
        }
        else if (!_tickArmed)
        {
            // The reminder wakes the grain after a crash and resumes delivery whenever no tick is armed; the timer does the work.
            ScheduleNext(TimeSpan.Zero);
        }
    }

    private Task TickAsync(CancellationToken cancellationToken)
    {
        _tickArmed = false;
        return AdvanceAsync(cancellationToken);
    }

    /// <summary>One step. Whatever fails in it, the next tick is armed before this returns (inline, the error is rethrown to the caller too).</summary>
    private async Task AdvanceAsync(CancellationToken cancellationToken, bool inline = false)
    {
        try
        {
            await RecoverAsync();
            await StepAsync(inline, cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            LogStepFailed(logger, state.State.Request?.TriggerId, state.State.Delivery.Status, Options.PollInterval, ex.Message);
            ScheduleNext(Options.PollInterval);
            if (inline)
            {
                throw;
            }
        }
    }

    private async Task StepAsync(bool inline, CancellationToken cancellationToken)
    {
        var s = state.State;
        if (s.Request is not { } request || s.Delivery.Status.IsFinished())
        {
            if (s.Request is not null)
            {
                // Only reached when the final status was stored by a recovery, after its first write failed.
                Telemetry.RecordTrigger(s.Request, s.Delivery.Status);
                DeliveryMachine.LogEnded(logger, s.Request.TriggerId, s.Delivery.Status, s.Delivery.BuildUrl, s.Delivery.LastError);
            }

            await FinishAsync();
            return;
        }

        using var activity = StartActivity(s.Delivery.Status == TriggerStatus.Pending ? Telemetry.DispatchSpan : Telemetry.FollowSpan, request, inline);
        var machine = new DeliveryMachine(request, s.Delivery, SaveAsync, Options, probe, clock, logger);
        DeliveryStep step;
        try
        {
            step = await machine.StepAsync(jenkins, cancellationToken);
        }
        finally
        {
            // Also what the step changed without writing (it is written with the next change).
            s.Delivery = machine.Delivery;
        }

        if (step.Failure is { } failure)
        {
            activity?.SetStatus(ActivityStatusCode.Error, failure);
        }

        ScheduleNext(step.Next);

        TagOutcome(activity);
        await AnnounceAsync();
        if (s.Delivery.Status.IsFinished())
        {
            await FinishAsync();
        }
    }

    private async Task SaveAsync(TriggerDelivery delivery)
    {
        // The end of a trigger is announced (buildFinished, deliveryFailed) before anyone can see it: the rollout
        // reads the state between steps and, once every job has ended, records the verdict, which must come after.
        if (delivery.Status.IsFinished())
        {
            await AnnounceAsync(delivery);
        }

        state.State.Delivery = delivery;
        await _store.WriteAsync();
    }

    private async Task RecoverAsync()
    {
        await _store.RecoverAsync();
        state.State.Migrate();
    }

    private async Task FinishAsync()
    {
        _timer?.Dispose();
        _timer = null;
        _tickArmed = false;

        // The reminder stays until the final event is recorded: it offers it again after a crash or a failed record.
        if (await AnnounceAsync() && await this.GetReminder(ReminderName) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    private void ScheduleNext(TimeSpan delay)
    {
        _timer?.Dispose();
        _tickArmed = !Done;
        _timer = Done ? null : this.RegisterGrainTimer(TickAsync, new GrainTimerCreationOptions(delay, Timeout.InfiniteTimeSpan) { KeepAlive = true });
    }

    /// <summary>
    /// Records the notifications not recorded yet (<c>triggered</c>, <c>buildFinished</c>, <c>deliveryFailed</c>) of
    /// the stored delivery, or of <paramref name="next"/>, the one about to be stored; false when that failed (they
    /// are offered again at the next step or reminder).
    /// </summary>
    private async Task<bool> AnnounceAsync(TriggerDelivery? next = null)
    {
        if (state.State is not { Request: { } request, Delivery: var stored })
        {
            return true;
        }

        var d = next ?? stored;
        var accepted = d.QueueId is not null || d.BuildNumber is not null;
        var events = NotificationEvents.ForTrigger(request, d.Status, accepted, d.BuildNumber, d.BuildUrl, d.LastError, clock.GetUtcNow())
            .Where(e => !_announced.Contains(e.Id)).ToList();
        if (events.Count == 0 || !await notifications.RecordAsync(RolloutKey.For(request.Organization, request.Addon), events))
        {
            return events.Count == 0;
        }

        _announced.UnionWith(events.Select(e => e.Id));
        return true;
    }

    private TriggerSnapshot? Snapshot() => state.State.Request is { } request ? new TriggerSnapshot(request, state.State.Delivery) : null;
}
