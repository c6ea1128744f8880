using AddonGrains.Grains.Decision;

namespace AddonGrains.Grains.Rollouts;

/// <summary>What one check did to the state: the assessment, the event it recorded, when a pause it ended was due, and whether the state must be written.</summary>
internal sealed record CheckOutcome(RolloutAssessment Assessment, RecordedEvent? Recorded, DateTimeOffset? PauseEnded, bool Changed);

/// <summary>
/// One check of a rollout (docs/architecture.md, "The flow of one check"), pure: <see cref="RolloutDecider"/> over the
/// fleet observation, then the fold into the state — a pause whose end has come is over, <see cref="CheckTransition"/>
/// moves the facts, and a recorded event that triggers adds one trigger record per subscribed job.
/// </summary>
internal static class RolloutCheck
{
    public static CheckOutcome Run(RolloutState s, FleetObservation fleet, AddonGrainsSettings settings, OrganizationSettings? organization,
        string addon, DateTimeOffset now)
    {
        var assessment = RolloutDecider.Decide(new DecisionInput(addon, fleet.Clusters, fleet.Error, s.LastKnownVersion,
            new RolloutMemory(s.RolloutStartedAt, s.ConvergedVersion, s.ConvergedSince), organization?.Policy ?? settings.Policy, now));
        var pauseEnded = OperatorActions.EndDuePause(s, now, settings.History.Keep);
        var (changed, recorded) = Fold(s, assessment, settings, organization, addon, now);
        return new CheckOutcome(assessment, recorded, pauseEnded, changed || pauseEnded is not null);
    }

    /// <summary>
    /// Folds the assessment into the state (<see cref="CheckTransition"/>) and, for a recorded event that triggers, adds
    /// one record per subscribed job; whether the facts changed, and the recorded event if any.
    /// </summary>
    public static (bool Changed, RecordedEvent? Recorded) Fold(RolloutState s, RolloutAssessment assessment, AddonGrainsSettings settings,
        OrganizationSettings? organization, string addon, DateTimeOffset now)
    {
        var before = s.GetFacts();
        var (after, recorded) = CheckTransition.Apply(before, assessment, organization is not null);
        s.SetFacts(after);
        if (recorded is not null && organization is not null)
        {
            var triggerEvent = new TriggerEvent(recorded.Number, recorded.Version, recorded.PreviousVersion, recorded.Direction, now);
            foreach (var test in recorded.Triggers ? organization.TestsFor(addon) : [])
            {
                s.Triggers.Add(RolloutTriggers.Create(settings, organization, addon, test, triggerEvent));
            }
        }

        return (after != before, recorded);
    }
}
