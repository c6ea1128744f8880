using System.Diagnostics;

namespace AddonGrains.Grains.Triggers;

/// <summary>The trigger grain's spans and log messages (its delivery steps log in <see cref="DeliveryMachine"/>).</summary>
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
            .SetTag(Telemetry.Tags.Version, request.Event.Version)
            .SetTag(Telemetry.Tags.Job, request.Job)
            .SetTag(Telemetry.Tags.Instance, request.Instance);
        TagOutcome(activity);
        return activity;
    }

    private void TagOutcome(Activity? activity)
    {
        var d = state.State.Delivery;
        activity?.SetTag(Telemetry.Tags.Status, d.Status.ToString())
            .SetTag(Telemetry.Tags.QueueId, d.QueueId)
            .SetTag(Telemetry.Tags.BuildNumber, d.BuildNumber)
            .SetTag(Telemetry.Tags.Result, d.Result);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Trigger {TriggerId} accepted: job {Job}, version {Version} ({Direction})")]
    private static partial void LogAccepted(ILogger logger, string triggerId, string job, string version, UpgradeDirection direction);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Trigger {TriggerId} ({Status}): step failed, next try in {Delay}: {Reason}")]
    private static partial void LogStepFailed(ILogger logger, string? triggerId, TriggerStatus status, TimeSpan delay, string reason);
}
