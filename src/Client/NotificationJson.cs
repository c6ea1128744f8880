namespace AddonGrains.Client;

/// <summary>One element of <c>notifications -o json</c>: an event, its notifier and how its delivery went (docs/cli.md).</summary>
internal sealed record NotificationJson(
    string EventId,
    string Event,
    string Notifier,
    string Status,
    int Attempts,
    string? LastError,
    string? Version,
    string? Job,
    string? RecordedAt,
    string? UpdatedAt,
    string? NextAttemptAt)
{
    public static NotificationJson From(NotificationDelivery d) => new(d.EventId, d.Kind.Name(), d.Notifier, d.Status.ToString(), d.Attempts, d.LastError,
        d.Version, d.Job, Iso.Format(d.RecordedAt), Iso.Format(d.UpdatedAt), Iso.Format(d.NextAttemptAt));
}
