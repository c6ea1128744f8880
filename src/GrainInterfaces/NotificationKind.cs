namespace AddonGrains.GrainInterfaces;

/// <summary>
/// What a notification announces; configured by its camelCase name in <c>notifications[].on</c> and sent as the
/// CloudEvents type <c>com.addongrains.&lt;name&gt;</c> (docs/operations.md, "Notifications").
/// </summary>
[GenerateSerializer, Alias("notification-kind")]
public enum NotificationKind
{
    /// <summary>The fleet converged and a new version was recorded.</summary>
    Converged = 0,
    /// <summary>Jenkins accepted a trigger (a queue item exists).</summary>
    Triggered = 1,
    /// <summary>A triggered build finished (or was cancelled) with a result.</summary>
    BuildFinished = 2,
    /// <summary>A trigger could not be delivered to Jenkins and ended DeliveryFailed.</summary>
    DeliveryFailed = 3,
    /// <summary>A rollout has been in progress longer than <c>policy.stallAfter</c>.</summary>
    Stalled = 4,
    /// <summary>The last known version's verdict became final (passed or failed).</summary>
    Verdict = 5,
}

/// <summary>Names of <see cref="NotificationKind"/> as configuration, JSON and CloudEvents show them.</summary>
public static class NotificationKindNames
{
    /// <summary>Every kind by its configured name.</summary>
    public static readonly IReadOnlyList<string> All = [.. Enum.GetValues<NotificationKind>().Select(Name)];

    /// <summary>The camelCase name, e.g. <c>buildFinished</c>.</summary>
    public static string Name(this NotificationKind kind)
    {
        var text = kind.ToString();
        return char.ToLowerInvariant(text[0]) + text[1..];
    }

    /// <summary>The kind named <paramref name="name"/> (exact camelCase), or null.</summary>
    public static NotificationKind? Parse(string name) =>
        Enum.GetValues<NotificationKind>().Cast<NotificationKind?>().FirstOrDefault(k => k!.Value.Name() == name);
}
