using AddonGrains.Upstream.Jenkins;

namespace AddonGrains.Grains.Triggers;

/// <summary>Following a dispatched trigger: queue item → build → result, and adopting a build found by its <c>TRIGGER_ID</c>.</summary>
internal sealed partial class TriggerGrain
{
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Trigger {TriggerId} found its earlier dispatch (queue item {QueueId}, build {BuildNumber}): not posting again")]
    private static partial void LogAdopted(ILogger logger, string triggerId, long? queueId, int? buildNumber);
}
