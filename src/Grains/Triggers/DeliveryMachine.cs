using AddonGrains.Upstream.Jenkins;

namespace AddonGrains.Grains.Triggers;

/// <summary>
/// The delivery steps of one trigger, as a plain state machine over its <see cref="TriggerDelivery"/>:
/// <c>Pending → Dispatched (queue id) → Running (build) → result</c>, or <c>Cancelled</c>, or <c>DeliveryFailed</c>.
/// Each <see cref="StepAsync"/> makes one move and says when the next is due; every change goes through the save
/// callback, before the external call that depends on it. An unconfirmed dispatch (the process died between the POST
/// and the write that confirms it) is resolved by looking for the TRIGGER_ID in the queue and in recent builds
/// before posting again (docs/decisions.md, "Delivery"). The <see cref="TriggerGrain"/> drives it.
/// </summary>
internal sealed partial class DeliveryMachine(
    TriggerRequest request,
    TriggerDelivery delivery,
    Func<TriggerDelivery, Task> save,
    TriggerDeliveryOptions options,
    IDeliveryProbe probe,
    TimeProvider clock,
    ILogger logger)
{
    private const string TriggerIdParameter = "TRIGGER_ID";

    /// <summary>The delivery as the last step left it (saved, unless the save threw).</summary>
    public TriggerDelivery Delivery { get; private set; } = delivery;

    /// <summary>One move; returns when the next is due (a failed Jenkins call is in <see cref="DeliveryStep.Failure"/>).</summary>
    public async Task<DeliveryStep> StepAsync(IJenkinsClientFactory jenkins, CancellationToken cancellationToken)
    {
        try
        {
            // Inside the try: a reload may have removed the instance while this trigger was in flight.
            var client = jenkins.Create(request.Instance);
            var next = Delivery.Status switch
            {
                TriggerStatus.Pending => await DispatchAsync(client, cancellationToken),
                TriggerStatus.Dispatched => await FollowQueueAsync(client, cancellationToken),
                _ => await FollowBuildAsync(client, cancellationToken),
            };
            if (Delivery.ConsecutiveFailures != 0 && !Delivery.Status.IsFinished())
            {
                await SaveAsync(Delivery with { ConsecutiveFailures = 0, LastError = null });
            }

            return new DeliveryStep(next, null);
        }
        catch (JenkinsException ex)
        {
            return new DeliveryStep(await FailAsync(ex), ex.Message);
        }
        catch (KeyNotFoundException)
        {
            await EndAsync(TriggerStatus.DeliveryFailed, $"Jenkins instance '{request.Instance}' is not in the configuration");
            return new DeliveryStep(TimeSpan.Zero, null);
        }
    }

    private async Task<TimeSpan> DispatchAsync(IJenkinsClient client, CancellationToken cancellationToken)
    {
        var job = await client.GetJobAsync(request.Job, cancellationToken);
        Delivery = Delivery with { JobDeclaresTriggerId = job.ParameterNames.Contains(TriggerIdParameter, StringComparer.Ordinal) };
        if (Delivery.DispatchStartedAt is not null && Delivery.JobDeclaresTriggerId
            && await client.FindTriggerAsync(request.Job, request.TriggerId, Delivery.QueueId, cancellationToken) is { } found)
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
        await SaveAsync(Delivery with { DispatchStartedAt = clock.GetUtcNow(), Attempts = Delivery.Attempts + 1 });
        var queueId = await client.TriggerAsync(request.Job, TriggerParameters.For(request, job.ParameterNames), cancellationToken);
        probe.Reached(DeliveryPoint.AfterPost, request.TriggerId);
        var dispatchedAt = clock.GetUtcNow();
        await TransitionAsync(Delivery with { QueueId = queueId, DispatchedAt = dispatchedAt }, TriggerStatus.Dispatched);
        Telemetry.RecordDelivery(request, dispatchedAt - request.Event.At);
        LogDispatched(logger, request.TriggerId, request.Job, queueId);
        return options.PollInterval;
    }

    private async Task<TimeSpan> FollowQueueAsync(IJenkinsClient client, CancellationToken cancellationToken)
    {
        probe.Reached(DeliveryPoint.FollowUp, request.TriggerId);
        var queueId = Delivery.QueueId!.Value;
        if (await client.GetQueueItemAsync(queueId, cancellationToken) is not { } item)
        {
            // The queue forgets items 5 minutes after they leave it: find the build by TRIGGER_ID or queue id.
            return await client.FindTriggerAsync(request.Job, request.TriggerId, queueId, cancellationToken) is { } found
                ? await AdoptAsync(found)
                : throw new JenkinsException($"queue item {queueId} is gone and no build of '{request.Job}' carries it", JenkinsFailureKind.Transient, 404);
        }

        switch (item.State)
        {
            case JenkinsQueueItemState.Started:
                await TransitionAsync(Delivery with { BuildNumber = item.BuildNumber, BuildUrl = item.BuildUrl?.ToString() }, TriggerStatus.Running);
                return TimeSpan.Zero;
            case JenkinsQueueItemState.Cancelled:
                await EndAsync(TriggerStatus.Cancelled, "the queue item was cancelled in Jenkins");
                return TimeSpan.Zero;
            default:
                return options.PollInterval;
        }
    }

    private async Task<TimeSpan> FollowBuildAsync(IJenkinsClient client, CancellationToken cancellationToken)
    {
        probe.Reached(DeliveryPoint.FollowUp, request.TriggerId);
        var number = Delivery.BuildNumber!.Value;
        var build = await client.GetBuildAsync(request.Job, number, cancellationToken)
            ?? throw new JenkinsException($"build #{number} of '{request.Job}' is not found", JenkinsFailureKind.Transient, 404);
        return await AdoptBuildAsync(build);
    }

    private async Task<TimeSpan> AdoptAsync(JenkinsTriggerMatch found)
    {
        var dispatchedAt = Delivery.DispatchedAt ?? clock.GetUtcNow();
        if (found.Build is { } build)
        {
            await TransitionAsync(Delivery with
            {
                QueueId = build.QueueId ?? Delivery.QueueId, BuildNumber = build.Number, BuildUrl = build.Url?.ToString(), DispatchedAt = dispatchedAt,
            }, TriggerStatus.Running);
            return await AdoptBuildAsync(build);
        }

        await TransitionAsync(Delivery with { QueueId = found.QueueItem!.Id, DispatchedAt = dispatchedAt }, TriggerStatus.Dispatched);
        return options.PollInterval;
    }

    private async Task<TimeSpan> AdoptBuildAsync(JenkinsBuild build)
    {
        if (build.InProgress)
        {
            return options.PollInterval;
        }

        Delivery = Delivery with { Result = build.Result };
        var status = build.Result switch
        {
            "SUCCESS" => TriggerStatus.Succeeded,
            "UNSTABLE" => TriggerStatus.Unstable,
            "ABORTED" => TriggerStatus.Aborted,
            "NOT_BUILT" => TriggerStatus.NotBuilt,
            _ => TriggerStatus.Failed,
        };
        Telemetry.RecordBuild(request, build.Result);
        await EndAsync(status, null);
        return TimeSpan.Zero;
    }

    private async Task<TimeSpan> FailAsync(JenkinsException ex)
    {
        if (ex.Kind == JenkinsFailureKind.Permanent && Delivery.Status == TriggerStatus.Pending)
        {
            await EndAsync(TriggerStatus.DeliveryFailed, ex.Message);
            return TimeSpan.Zero;
        }

        var error = ex.Kind == JenkinsFailureKind.Auth ? $"authentication/permission error: {ex.Message}" : ex.Message;
        Delivery = Delivery with { ConsecutiveFailures = Delivery.ConsecutiveFailures + 1, LastError = error };
        if (clock.GetUtcNow() - request.Event.At > options.GiveUpAfter)
        {
            await EndAsync(TriggerStatus.DeliveryFailed, $"gave up after {options.GiveUpAfter}: {error}");
            return TimeSpan.Zero;
        }

        await SaveAsync(Delivery);
        var delay = Backoff(Delivery.ConsecutiveFailures);
        LogRetrying(logger, request.TriggerId, Delivery.Status, delay, error);
        return delay;
    }

    private TimeSpan Backoff(int failures)
    {
        var exponential = options.RetryBaseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(failures - 1, 20));
        var capped = Math.Min(exponential, options.RetryMaxDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(capped * (0.8 + (Random.Shared.NextDouble() * 0.4)));
    }

    private async Task TransitionAsync(TriggerDelivery changed, TriggerStatus status)
    {
        await SaveAsync(changed with { Status = status });
        Telemetry.RecordTrigger(request, status);
    }

    private async Task EndAsync(TriggerStatus status, string? error)
    {
        await TransitionAsync(Delivery with { LastError = error }, status);
        LogEnded(logger, request.TriggerId, status, Delivery.BuildUrl, error);
    }

    private async Task SaveAsync(TriggerDelivery changed)
    {
        Delivery = changed with { UpdatedAt = clock.GetUtcNow() };
        await save(Delivery);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Trigger {TriggerId} found its earlier dispatch (queue item {QueueId}, build {BuildNumber}): not posting again")]
    private static partial void LogAdopted(ILogger logger, string triggerId, long? queueId, int? buildNumber);

    [LoggerMessage(Level = LogLevel.Information, Message = "Trigger {TriggerId} dispatched to {Job}: queue item {QueueId}")]
    private static partial void LogDispatched(ILogger logger, string triggerId, string job, long queueId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Trigger {TriggerId} ({Status}) retrying in {Delay}: {Reason}")]
    private static partial void LogRetrying(ILogger logger, string triggerId, TriggerStatus status, TimeSpan delay, string? reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Trigger {TriggerId} ended {Status} {BuildUrl} {Reason}")]
    internal static partial void LogEnded(ILogger logger, string triggerId, TriggerStatus status, string? buildUrl, string? reason);
}

/// <summary>What one delivery step did: when the next is due, and the Jenkins failure it met, if any.</summary>
internal sealed record DeliveryStep(TimeSpan Next, string? Failure);
