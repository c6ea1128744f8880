using AddonGrains.Grains.Decision;
using AddonGrains.Grains.Notifications;

namespace AddonGrains.Grains.Rollouts;

/// <summary>
/// A rollout's notifications (<see cref="NotificationEvents"/>): <c>converged</c> and <c>stalled</c> when a check
/// finds them, <c>verdict</c> when the last known version's verdict becomes final. They are handed to the outbox
/// (one write there, never a delivery) after the check's write and before its triggers are handed over, so
/// <c>converged</c> comes first; one that could not be recorded is offered again at the next check.
/// </summary>
internal sealed class RolloutNotifications(NotificationRecorder recorder, TimeProvider clock)
{
    // Announced at most once per day-old verdict: an old final verdict is not announced again by a new activation.
    private static readonly TimeSpan VerdictFreshness = TimeSpan.FromDays(1);

    private readonly List<NotificationEvent> _unrecorded = [];
    private string? _verdictAnnounced;

    /// <summary>Notes the events of a check's assessment (called after it was folded into the state).</summary>
    public void NoteEvents(RolloutState s, AddonGrainsSettings settings, RolloutAssessment assessment, OrganizationSettings? organization,
        string addon, RolloutPhase phaseBefore, int eventsBefore)
    {
        var now = clock.GetUtcNow();
        if (organization is null || settings.Notifications.IsEmpty)
        {
            return;
        }

        // A first-seen baseline is recorded silently, and so it is not announced.
        if (s.ConvergenceEvents != eventsBefore && assessment.Decision.Kind != DecisionKind.RecordBaseline && s.LastKnownVersion is { } version)
        {
            _unrecorded.Add(NotificationEvents.Converged(organization, addon, s.ConvergenceEvents, version, s.PreviousKnownVersion, assessment.Decision.Direction, now));
        }

        if (assessment.Phase == RolloutPhase.Stalled && phaseBefore != RolloutPhase.Stalled)
        {
            _unrecorded.Add(NotificationEvents.Stalled(organization, addon, assessment.TargetVersion, s.LastKnownVersion, s.RolloutStartedAt, assessment.Stragglers, now));
        }
    }

    /// <summary>Notes the verdict of the last known version when it is final (and fresh).</summary>
    public void NoteVerdict(RolloutState s, AddonGrainsSettings settings, VersionVerdict verdict)
    {
        var newest = s.Triggers.Where(t => t.Event.Version == verdict.Version).Select(t => t.Event.Number).DefaultIfEmpty().Max();
        var now = clock.GetUtcNow();
        if (settings.Notifications.IsEmpty || verdict.Jobs.IsDefaultOrEmpty || now - verdict.Jobs.Max(j => j.Delivery.UpdatedAt) > VerdictFreshness
            || NotificationEvents.Verdict(verdict, newest, now) is not { } e || e.Id == _verdictAnnounced)
        {
            return;
        }

        _verdictAnnounced = e.Id;
        _unrecorded.Add(e);
    }

    /// <summary>Hands the noted events to the outbox; kept for the next check when that fails.</summary>
    public async Task RecordAsync(string rolloutKey)
    {
        if (_unrecorded.Count == 0)
        {
            return;
        }

        var events = _unrecorded.ToList();
        if (await recorder.RecordAsync(rolloutKey, events))
        {
            _unrecorded.RemoveAll(events.Contains);
        }
    }
}
