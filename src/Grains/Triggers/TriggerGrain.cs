using System.Diagnostics;
using AddonGrains.Upstream.Jenkins;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AddonGrains.Grains.Triggers;

/// <summary>
/// One trigger: <c>Pending → Dispatched (queue id) → Running (build) → result</c>, or <c>Cancelled</c>, or
/// <c>DeliveryFailed</c>. State is written before every external call. An unconfirmed dispatch (the process died
/// between the POST and the write that confirms it) is resolved by looking for the TRIGGER_ID in the queue and in
/// recent builds before posting again. A grain timer drives delivery; a durable reminder resumes it after a crash.
/// </summary>
internal sealed partial class TriggerGrain(
    [PersistentState("trigger", StorageNames.Rollouts)] IPersistentState<TriggerState> state,
    IJenkinsClientFactory jenkins,
    IOptions<TriggerDeliveryOptions> options,
    IDeliveryProbe probe,
    [FromKeyedServices(Clock.Key)] TimeProvider clock,
    ILogger<TriggerGrain> logger) : Grain, ITriggerGrain, IRemindable
{
    private const string ReminderName = "deliver";
    private const string TriggerIdParameter = "TRIGGER_ID";

    private IGrainTimer? _timer;

    private TriggerDeliveryOptions Options => options.Value;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.State.Request is not null && !state.State.Status.IsFinished())
        {
            ScheduleNext(TimeSpan.Zero);
        }

        return Task.CompletedTask;
    }

    public async Task<TriggerSnapshot> SubmitAsync(TriggerRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (state.State.Request is not null)
        {
            return Snapshot()!;
        }

        state.State.Request = request;
        state.State.Status = TriggerStatus.Pending;
        state.State.TraceParent = Activity.Current?.Id;
        await WriteAsync();
        Telemetry.RecordTrigger(request, TriggerStatus.Pending);
        await this.RegisterOrUpdateReminder(ReminderName, Options.ReminderPeriod, Options.ReminderPeriod, cancellationToken);
        LogAccepted(logger, request.TriggerId, request.Job, request.Version, request.Direction);

        // The first dispatch runs inside the caller's call, so the check's trace holds the Jenkins POST.
        await AdvanceAsync(cancellationToken, inline: true);
        return Snapshot()!;
    }

    public Task<TriggerSnapshot?> GetSnapshotAsync(CancellationToken cancellationToken = default) => Task.FromResult(Snapshot());

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        // The reminder only wakes the grain after a crash or a long backoff; the timer does the work.
        if (_timer is null)
        {
            ScheduleNext(TimeSpan.Zero);
        }

        return Task.CompletedTask;
    }

    private async Task AdvanceAsync(CancellationToken cancellationToken, bool inline = false)
    {
        var s = state.State;
        if (s.Request is not { } request || s.Status.IsFinished())
        {
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

    private async Task<TimeSpan> FollowQueueAsync(IJenkinsClient client, TriggerRequest request, CancellationToken cancellationToken)
    {
        probe.Reached(DeliveryPoint.FollowUp, request.TriggerId);
        var s = state.State;
        var item = await client.GetQueueItemAsync(s.QueueId!.Value, cancellationToken);
        if (item is null)
        {
            // The queue forgets items 5 minutes after they leave it: find the build by TRIGGER_ID or queue id.
            if (await client.FindTriggerAsync(request.Job, request.TriggerId, s.QueueId, cancellationToken) is { } found)
            {
                return await AdoptAsync(found);
            }

            throw new JenkinsException($"queue item {s.QueueId} is gone and no build of '{request.Job}' carries it", JenkinsFailureKind.Transient, 404);
        }

        switch (item.State)
        {
            case JenkinsQueueItemState.Started:
                s.BuildNumber = item.BuildNumber;
                s.BuildUrl = item.BuildUrl?.ToString();
                await TransitionAsync(TriggerStatus.Running);
                return TimeSpan.Zero;
            case JenkinsQueueItemState.Cancelled:
                await EndAsync(TriggerStatus.Cancelled, "the queue item was cancelled in Jenkins");
                return TimeSpan.Zero;
            default:
                return Options.PollInterval;
        }
    }

    private async Task<TimeSpan> FollowBuildAsync(IJenkinsClient client, TriggerRequest request, CancellationToken cancellationToken)
    {
        probe.Reached(DeliveryPoint.FollowUp, request.TriggerId);
        var s = state.State;
        var build = await client.GetBuildAsync(request.Job, s.BuildNumber!.Value, cancellationToken)
            ?? throw new JenkinsException($"build #{s.BuildNumber} of '{request.Job}' is not found", JenkinsFailureKind.Transient, 404);
        return await AdoptBuildAsync(build);
    }

    private async Task<TimeSpan> AdoptAsync(JenkinsTriggerMatch found)
    {
        var s = state.State;
        if (found.Build is { } build)
        {
            s.QueueId = build.QueueId ?? s.QueueId;
            s.BuildNumber = build.Number;
            s.BuildUrl = build.Url?.ToString();
            s.DispatchedAt ??= clock.GetUtcNow();
            await TransitionAsync(TriggerStatus.Running);
            return await AdoptBuildAsync(build);
        }

        s.QueueId = found.QueueItem!.Id;
        s.DispatchedAt ??= clock.GetUtcNow();
        await TransitionAsync(TriggerStatus.Dispatched);
        return Options.PollInterval;
    }

    private async Task<TimeSpan> AdoptBuildAsync(JenkinsBuild build)
    {
        if (build.InProgress)
        {
            return Options.PollInterval;
        }

        var s = state.State;
        s.Result = build.Result;
        var status = build.Result switch
        {
            "SUCCESS" => TriggerStatus.Succeeded,
            "UNSTABLE" => TriggerStatus.Unstable,
            "ABORTED" => TriggerStatus.Aborted,
            "NOT_BUILT" => TriggerStatus.NotBuilt,
            _ => TriggerStatus.Failed,
        };
        Telemetry.RecordBuild(s.Request!, build.Result);
        await EndAsync(status, null);
        return TimeSpan.Zero;
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

    private async Task FinishAsync()
    {
        _timer?.Dispose();
        _timer = null;
        if (await this.GetReminder(ReminderName) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    private void ScheduleNext(TimeSpan delay)
    {
        _timer?.Dispose();
        _timer = state.State.Status.IsFinished() ? null : this.RegisterGrainTimer(
            ct => AdvanceAsync(ct), new GrainTimerCreationOptions(delay, Timeout.InfiniteTimeSpan) { KeepAlive = true });
    }

    /// <summary>
    /// Inline (inside <see cref="SubmitAsync"/>) the span is a child of the caller's, so it sits in the check's trace.
    /// Driven by the timer it starts a trace of its own with a link to the context that submitted the trigger: a
    /// timer callback may carry whatever context registered it, which must not make hours of polling one trace.
    /// </summary>
    private Activity? StartActivity(string name, TriggerRequest request, bool inline)
    {
        ActivityLink[]? links = null;
        if (!inline)
        {
            // Only this async call's context changes: AdvanceAsync restores its caller's on return.
            Activity.Current = null;
            if (state.State.TraceParent is { } parent && ActivityContext.TryParse(parent, null, out var context))
            {
                links = [new ActivityLink(context)];
            }
        }

        var activity = Telemetry.Source.StartActivity(name, ActivityKind.Internal, default(ActivityContext), links: links);
        activity?.SetTag(Telemetry.Tags.TriggerId, request.TriggerId)
            .SetTag(Telemetry.Tags.Organization, request.Organization)
            .SetTag(Telemetry.Tags.Addon, request.Addon)
            .SetTag(Telemetry.Tags.Version, request.Version)
            .SetTag(Telemetry.Tags.Job, request.Job)
            .SetTag(Telemetry.Tags.Instance, request.Instance);
        TagOutcome(activity);
        return activity;
    }

    private void TagOutcome(Activity? activity)
    {
        var s = state.State;
        activity?.SetTag(Telemetry.Tags.Status, s.Status.ToString())
            .SetTag(Telemetry.Tags.QueueId, s.QueueId)
            .SetTag(Telemetry.Tags.BuildNumber, s.BuildNumber)
            .SetTag(Telemetry.Tags.Result, s.Result);
    }

    private async Task WriteAsync()
    {
        state.State.UpdatedAt = clock.GetUtcNow();
        await state.WriteStateAsync();
        Telemetry.StateWrites.Add(1, new KeyValuePair<string, object?>("grain", "trigger"));
    }

    private TriggerSnapshot? Snapshot()
    {
        var s = state.State;
        return s.Request is not { } r ? null : new TriggerSnapshot(r.TriggerId, r.Version, r.PreviousVersion, r.Direction,
            r.Instance, r.Job, s.Status, s.Attempts, s.QueueId, s.BuildNumber, s.BuildUrl, s.Result, s.LastError, r.CreatedAt, s.UpdatedAt);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Trigger {TriggerId} accepted: job {Job}, version {Version} ({Direction})")]
    private static partial void LogAccepted(ILogger logger, string triggerId, string job, string version, UpgradeDirection direction);

    [LoggerMessage(Level = LogLevel.Information, Message = "Trigger {TriggerId} dispatched to {Job}: queue item {QueueId}")]
    private static partial void LogDispatched(ILogger logger, string triggerId, string job, long queueId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Trigger {TriggerId} found its earlier dispatch (queue item {QueueId}, build {BuildNumber}): not posting again")]
    private static partial void LogAdopted(ILogger logger, string triggerId, long? queueId, int? buildNumber);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Trigger {TriggerId} ({Status}) retrying in {Delay}: {Reason}")]
    private static partial void LogRetrying(ILogger logger, string triggerId, TriggerStatus status, TimeSpan delay, string? reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Trigger {TriggerId} ended {Status} {BuildUrl} {Reason}")]
    private static partial void LogEnded(ILogger logger, string triggerId, TriggerStatus status, string? buildUrl, string? reason);
}
