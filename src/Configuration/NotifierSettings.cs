namespace AddonGrains.Configuration;

/// <summary>
/// One <c>notifications:</c> entry: which events (<see cref="On"/>) of which organizations (all when empty) go to a
/// Slack incoming webhook or to a CloudEvents webhook. Exactly one target is set. Secrets never print themselves.
/// </summary>
public sealed record NotifierSettings(
    string Name,
    ImmutableArray<NotificationKind> On,
    ImmutableArray<string> Organizations,
    Secret? SlackWebhookUrl,
    Uri? WebhookUrl,
    Secret? WebhookSecret)
{
    /// <summary>"slack" or "webhook".</summary>
    public string Target => SlackWebhookUrl is not null ? "slack" : "webhook";

    /// <summary>Whether this notifier wants <paramref name="kind"/> events of <paramref name="organization"/> (its configured name).</summary>
    public bool Wants(NotificationKind kind, string organization) =>
        On.Contains(kind) && (Organizations.IsDefaultOrEmpty || Organizations.Contains(organization, StringComparer.Ordinal));
}
