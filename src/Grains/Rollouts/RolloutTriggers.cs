using AddonGrains.Grains.Triggers;

namespace AddonGrains.Grains.Rollouts;

/// <summary>Builds trigger records and the requests handed to the trigger pipeline.</summary>
internal static class RolloutTriggers
{
    public static TriggerRecord Create(AddonGrainsSettings settings, OrganizationSettings organization, string addon, int eventNumber,
        AddonUpgradeTest test, string version, string? previousVersion, UpgradeDirection direction, DateTimeOffset now) => new()
        {
            TriggerId = TriggerIds.For(settings.OcmFor(organization).Name, organization.OrgId, addon, eventNumber, test.Instance, test.Name),
            EventNumber = eventNumber,
            Version = version,
            PreviousVersion = previousVersion,
            Direction = direction,
            Instance = test.Instance,
            Job = test.Name,
            CreatedAt = now,
        };

    public static TriggerRequest Request(AddonGrainsSettings settings, OrganizationSettings organization, string addon, TriggerRecord record)
    {
        var test = organization.TestsFor(addon).FirstOrDefault(t => t.Instance == record.Instance && t.Name == record.Job);
        return new TriggerRequest(record.TriggerId, organization.Name, organization.OrgId, settings.OcmFor(organization).Name, addon,
            record.Version, record.PreviousVersion, record.Direction, record.Instance, record.Job, test?.Parameters ?? [], record.CreatedAt);
    }

    /// <summary>A record the trigger pipeline does not know (yet): Pending, and held when <paramref name="paused"/>.</summary>
    public static TriggerSnapshot Unsubmitted(TriggerRecord record, bool paused = false) => new(record.TriggerId, record.Version, record.PreviousVersion,
        record.Direction, record.Instance, record.Job, TriggerStatus.Pending, 0, null, null, null, null,
        record.Submitted ? null : paused ? HeldMessage : "not handed to the trigger pipeline yet", record.CreatedAt, record.CreatedAt);

    /// <summary>What a trigger created while the rollout is paused shows until resume.</summary>
    public const string HeldMessage = "held: the rollout is paused (delivered at resume)";
}
