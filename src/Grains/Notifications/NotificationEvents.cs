
namespace AddonGrains.Grains.Notifications;

/// <summary>
/// The events a rollout and a trigger announce, built from their durable facts (so each has its deterministic id).
/// Plain functions; the grains only call them and hand the result to <see cref="NotificationRecorder"/>.
/// </summary>
public static class NotificationEvents
{
    /// <summary>A new version was recorded as convergence event <paramref name="eventNumber"/>.</summary>
    public static NotificationEvent Converged(OrganizationSettings organization, string addon, int eventNumber, string version,
        string? previousVersion, UpgradeDirection? direction, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(organization);
        var key = RolloutKey.For(organization.Name, addon);
        return new NotificationEvent(NotificationIds.ForRollout(key, NotificationKind.Converged, eventNumber, version), NotificationKind.Converged,
            organization.Name, organization.OrgId, addon, version, previousVersion, now) { Direction = direction };
    }

    /// <summary>The rollout that started at <paramref name="startedAt"/> toward <paramref name="target"/> is stalled.</summary>
    public static NotificationEvent Stalled(OrganizationSettings organization, string addon, string? target, string? lastKnown,
        DateTimeOffset? startedAt, ImmutableArray<ClusterRef> stragglers, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(organization);
        var key = RolloutKey.For(organization.Name, addon);
        var names = stragglers.IsDefaultOrEmpty ? "" : string.Join(", ", stragglers.Take(10).Select(c => c.Name)) + (stragglers.Length > 10 ? $" and {stragglers.Length - 10} more" : "");
        return new NotificationEvent(NotificationIds.ForRollout(key, NotificationKind.Stalled, startedAt?.ToUnixTimeMilliseconds(), target), NotificationKind.Stalled,
            organization.Name, organization.OrgId, addon, target, lastKnown, now)
        {
            Detail = names.Length == 0 ? $"in progress since {startedAt:u}" : $"in progress since {startedAt:u}; stragglers: {names}",
        };
    }

    /// <summary>The final verdict of a version; null while it is not final.</summary>
    public static NotificationEvent? Verdict(VersionVerdict verdict, int newestEvent, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(verdict);
        if (!verdict.Verdict.IsFinal() || verdict.Version is not { } version)
        {
            return null;
        }

        var key = RolloutKey.For(verdict.Organization, verdict.Addon);
        return new NotificationEvent(NotificationIds.ForRollout(key, NotificationKind.Verdict, version, newestEvent, verdict.Verdict.Name()), NotificationKind.Verdict,
            verdict.Organization, verdict.OrgId, verdict.Addon, version, null, now) { Result = verdict.Verdict.Name(), Detail = verdict.Reason };
    }

    /// <summary>
    /// A trigger's events as of its state: <c>triggered</c> once Jenkins accepted it, and <c>buildFinished</c> or
    /// <c>deliveryFailed</c> once it ended.
    /// </summary>
    public static IReadOnlyList<NotificationEvent> ForTrigger(TriggerRequest request, TriggerStatus status, bool accepted,
        int? buildNumber, string? buildUrl, string? lastError, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(request);
        NotificationEvent Event(NotificationKind kind) =>
            new(NotificationIds.ForTrigger(request.TriggerId, kind), kind, request.Organization, request.OrgId, request.Addon, request.Event.Version, request.Event.PreviousVersion, now)
            {
                Direction = request.Event.Direction, Instance = request.Instance, Job = request.Job, TriggerId = request.TriggerId,
                BuildNumber = buildNumber, BuildUrl = buildUrl,
            };

        var events = new List<NotificationEvent>();
        if (accepted)
        {
            events.Add(Event(NotificationKind.Triggered));
        }

        if (status == TriggerStatus.DeliveryFailed)
        {
            events.Add(Event(NotificationKind.DeliveryFailed) with { Result = status.ToString(), Detail = lastError });
        }
        else if (status.IsFinished())
        {
            events.Add(Event(NotificationKind.BuildFinished) with { Result = status.ToString(), Detail = status == TriggerStatus.Succeeded ? null : lastError });
        }

        return events;
    }
}
