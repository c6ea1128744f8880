using System.Diagnostics;
using AddonGrains.Grains.Storage;
using AddonGrains.Upstream.Jenkins;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AddonGrains.Grains.Triggers;

/// <summary>
/// One trigger: <c>Pending → Dispatched (queue id) → Running (build) → result</c>, or <c>Cancelled</c>, or
/// <c>DeliveryFailed</c>. State is written before every external call. An unconfirmed dispatch (the process died
/// between the POST and the write that confirms it) is resolved by looking for the TRIGGER_ID in the queue and in
/// recent builds before posting again. A grain timer drives delivery and never stops while the trigger is
/// unfinished: a step that fails for any reason other than Jenkins (a state write, a reminder call) is retried at
/// the next poll interval, after the failed write is recovered. A durable reminder resumes delivery after a crash
/// and whenever no tick is armed.
/// </summary>
internal sealed partial class TriggerGrain(
    [PersistentState("trigger", StorageNames.Rollouts)] IPersistentState<TriggerState> state,
    IJenkinsClientFactory jenkins,
    IOptions<TriggerDeliveryOptions> options,
    IDeliveryProbe probe,
    Notifications.NotificationRecorder notifications,
    [FromKeyedServices(Clock.Key)] TimeProvider clock,
    ILogger<TriggerGrain> logger) : Grain, ITriggerGrain, IRemindable
{
    private const string ReminderName = "deliver";
    private const string TriggerIdParameter = "TRIGGER_ID";

    private readonly StateWriter<TriggerState> _store = new(state, "trigger");
    private IGrainTimer? _timer;
    private bool _tickArmed;

    private TriggerDeliveryOptions Options => options.Value;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.State.Request is not null && !state.State.Status.IsFinished())
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
        await _store.RecoverAsync();
        if (state.State.Request is null)
        {
            state.State.Request = request;
            state.State.Status = TriggerStatus.Pending;
            state.State.TraceParent = Activity.Current?.Id;
            await WriteAsync();
            Telemetry.RecordTrigger(request, TriggerStatus.Pending);
            LogAccepted(logger, request.TriggerId, request.Job, request.Version, request.Direction);
        }
        else if (state.State.Status.IsFinished() || _tickArmed)
        {
            return Snapshot()!;
        }

        await this.RegisterOrUpdateReminder(ReminderName, Options.ReminderPeriod, Options.ReminderPeriod, cancellationToken);

        // The first dispatch runs inside the caller's call, so the check's trace holds the Jenkins POST.
        await AdvanceAsync(cancellationToken, inline: true);
        return Snapshot()!;
    }

    public Task<TriggerSnapshot?> GetSnapshotAsync(CancellationToken cancellationToken = default) => Task.FromResult(Snapshot());

    private async Task StepAsync(bool inline, CancellationToken cancellationToken)
    {
        var s = state.State;
        if (s.Request is not { } request || s.Status.IsFinished())
        {
            if (s.Request is not null)
            {
                // Only reached when the final status was stored by a recovery, after its first write failed.
                Telemetry.RecordTrigger(s.Request, s.Status);
                LogEnded(logger, s.Request.TriggerId, s.Status, s.BuildUrl, s.LastError);
            }

            await FinishAsync();
            return;
        }

        using var activity = StartActivity(s.Status == TriggerStatus.Pending ? Telemetry.DispatchSpan : Telemetry.FollowSpan, request, inline);
        try
        {
            // Inside the try: a reload may have removed the instance while this trigger was in flight.
            var client = jenkins.Create(request.Instance);
            var next = s.Status switch
            {
                TriggerStatus.Pending => await DispatchAsync(client, request, cancellationToken),
                TriggerStatus.Dispatched => await FollowQueueAsync(client, request, cancellationToken),
                _ => await FollowBuildAsync(client, request, cancellationToken),
            };
            if (s.ConsecutiveFailures != 0 && !s.Status.IsFinished())
            {
                s.ConsecutiveFailures = 0;
                s.LastError = null;
                await WriteAsync();
            }

            ScheduleNext(next);
        }
        catch (JenkinsException ex)
        {
            activity?.SetStatus(ActivityStatusCode.Error, ex.Message);
            await FailAsync(request, ex);
        }
        catch (KeyNotFoundException)
        {
            await EndAsync(TriggerStatus.DeliveryFailed, $"Jenkins instance '{request.Instance}' is not in the configuration");
        }

        TagOutcome(activity);
        await AnnounceAsync();

        if (s.Status.IsFinished())
        {
            await FinishAsync();
        }
    }

    private async Task<TimeSpan> DispatchAsync(IJenkinsClient client, TriggerRequest request, CancellationToken cancellationToken)
    {
        var s = state.State;
        var job = await client.GetJobAsync(request.Job, cancellationToken);
        s.JobDeclaresTriggerId = job.ParameterNames.Contains(TriggerIdParameter, StringComparer.Ordinal);
        if (s.DispatchStartedAt is not null && s.JobDeclaresTriggerId
            && await client.FindTriggerAsync(request.Job, request.TriggerId, s.QueueId, cancellationToken) is { } found)
        {
            // The earlier POST went through but its confirmation was never written: adopt it, never post twice.
            LogAdopted(logger, request.TriggerId, found.QueueItem?.Id ?? found.Build?.QueueId, found.Build?.Number);
            return await AdoptAsync(found);
        }

        if (!job.Buildable)
        {
            await EndAsync(TriggerStatus.DeliveryFailed, $"job '{request.Job}' on '{request.Instance}' is disabled or not buildable");
            return TimeSpan.Zero;
        }

        probe.Reached(DeliveryPoint.BeforeDispatchWrite, request.TriggerId);
        s.DispatchStartedAt = clock.GetUtcNow();
        s.Attempts++;
        await WriteAsync();
        var queueId = await client.TriggerAsync(request.Job, TriggerParameters.For(request, job.ParameterNames), cancellationToken);
        probe.Reached(DeliveryPoint.AfterPost, request.TriggerId);
        s.QueueId = queueId;
        s.DispatchedAt = clock.GetUtcNow();
        await TransitionAsync(TriggerStatus.Dispatched);
        Telemetry.RecordDelivery(request, s.DispatchedAt.Value - request.CreatedAt);
        LogDispatched(logger, request.TriggerId, request.Job, queueId);
        return Options.PollInterval;
    }

    private async Task FailAsync(TriggerRequest request, JenkinsException ex)
    {
        var s = state.State;
        if (ex.Kind == JenkinsFailureKind.Permanent && s.Status == TriggerStatus.Pending)
        {
            await EndAsync(TriggerStatus.DeliveryFailed, ex.Message);
            return;
        }

        s.ConsecutiveFailures++;
        s.LastError = ex.Kind == JenkinsFailureKind.Auth ? $"authentication/permission error: {ex.Message}" : ex.Message;
        if (clock.GetUtcNow() - request.CreatedAt > Options.GiveUpAfter)
        {
            await EndAsync(TriggerStatus.DeliveryFailed, $"gave up after {Options.GiveUpAfter}: {s.LastError}");
            return;
        }

        await WriteAsync();
        var delay = Backoff(s.ConsecutiveFailures);
        LogRetrying(logger, request.TriggerId, s.Status, delay, s.LastError);
        ScheduleNext(delay);
    }

    private TimeSpan Backoff(int failures)
    {
        var exponential = Options.RetryBaseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(failures - 1, 20));
        var capped = Math.Min(exponential, Options.RetryMaxDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(capped * (0.8 + (Random.Shared.NextDouble() * 0.4)));
    }

    private async Task TransitionAsync(TriggerStatus status)
    {
        state.State.Status = status;
        await WriteAsync();
        Telemetry.RecordTrigger(state.State.Request!, status);
    }

    private async Task EndAsync(TriggerStatus status, string? error)
    {
        state.State.LastError = error;
        await TransitionAsync(status);
        LogEnded(logger, state.State.Request!.TriggerId, status, state.State.BuildUrl, error);
    }

    private async Task WriteAsync()
    {
        state.State.UpdatedAt = clock.GetUtcNow();
        await _store.WriteAsync();
    }

    private TriggerSnapshot? Snapshot()
    {
        var s = state.State;
        return s.Request is not { } r ? null : new TriggerSnapshot(r.TriggerId, r.Version, r.PreviousVersion, r.Direction,
            r.Instance, r.Job, s.Status, s.Attempts, s.QueueId, s.BuildNumber, s.BuildUrl, s.Result, s.LastError, r.CreatedAt, s.UpdatedAt);
    }
}
