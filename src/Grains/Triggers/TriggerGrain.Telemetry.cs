using System.Diagnostics;

namespace AddonGrains.Grains.Triggers;

/// <summary>The trigger grain's spans and log messages.</summary>
internal sealed partial class TriggerGrain
{
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Trigger {TriggerId} accepted: job {Job}, version {Version} ({Direction})")]
    private static partial void LogAccepted(ILogger logger, string triggerId, string job, string version, UpgradeDirection direction);

    [LoggerMessage(Level = LogLevel.Information, Message = "Trigger {TriggerId} dispatched to {Job}: queue item {QueueId}")]
    private static partial void LogDispatched(ILogger logger, string triggerId, string job, long queueId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Trigger {TriggerId} ({Status}) retrying in {Delay}: {Reason}")]
    private static partial void LogRetrying(ILogger logger, string triggerId, TriggerStatus status, TimeSpan delay, string? reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Trigger {TriggerId} ({Status}): step failed, next try in {Delay}: {Reason}")]
    private static partial void LogStepFailed(ILogger logger, string? triggerId, TriggerStatus status, TimeSpan delay, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Trigger {TriggerId} ended {Status} {BuildUrl} {Reason}")]
    private static partial void LogEnded(ILogger logger, string triggerId, TriggerStatus status, string? buildUrl, string? reason);
}
