using AddonGrains.Grains.Triggers;

namespace AddonGrains.Grains.Rollouts;

/// <summary>Builds trigger records and the requests handed to the trigger pipeline.</summary>
internal static class RolloutTriggers
{
    public static TriggerRecord Create(AddonGrainsSettings settings, OrganizationSettings organization, string addon, AddonUpgradeTest test,
        TriggerEvent triggerEvent) => new()
        {
            TriggerId = TriggerIds.For(settings.OcmFor(organization).Name, organization.OrgId, addon, triggerEvent.Number, test.Instance, test.Name),
            Event = triggerEvent,
            Instance = test.Instance,
            Job = test.Name,
        };

    /// <summary>
    /// The trigger's full request, from the configuration current now: built once, when the trigger is handed over
    /// (docs/operations.md). A trigger not handed over yet shows the same request in history; when its organization
    /// has left the configuration, with what the rollout still knows.
    /// </summary>
    public static TriggerRequest Request(AddonGrainsSettings settings, string rolloutKey, OrganizationSettings? organization, TriggerRecord record)
    {
        var (orgName, addon) = RolloutKey.Parse(rolloutKey);
        var test = organization?.TestsFor(addon).FirstOrDefault(t => t.Instance == record.Instance && t.Name == record.Job);
        return new TriggerRequest(record.TriggerId, organization?.Name ?? orgName, organization?.OrgId ?? "",
            organization is null ? "" : settings.OcmFor(organization).Name, addon, record.Event, record.Instance, record.Job, test?.Parameters ?? []);
    }

    /// <summary>A trigger the trigger pipeline does not know (yet): its request, Pending, and held when <paramref name="paused"/>.</summary>
    public static TriggerSnapshot Unsubmitted(TriggerRequest request, bool submitted, bool paused) => new(request,
        TriggerDelivery.NotHandedOver(submitted ? null : paused ? HeldMessage : "not handed to the trigger pipeline yet", request.Event.At));

    /// <summary>What a trigger created while the rollout is paused shows until resume.</summary>
    public const string HeldMessage = "held: the rollout is paused (delivered at resume)";
}
