using Microsoft.Extensions.Options;

namespace AddonGrains.Grains.Notifications;

/// <summary>
/// How the rollout and trigger grains hand events to their outbox (<see cref="INotificationGrain"/>): only events some
/// notifier wants (no call at all when none is configured), waiting at most
/// <see cref="NotificationDeliveryOptions.RecordTimeout"/> for the write, never for a delivery. A failure is logged
/// and reported as false, so the caller can offer the events again later; it never fails a check or a trigger.
/// </summary>
public sealed partial class NotificationRecorder(
    IGrainFactory grains,
    SettingsSource settings,
    IOptions<NotificationDeliveryOptions> options,
    ILogger<NotificationRecorder> logger)
{
    /// <summary>Records <paramref name="events"/> of the rollout <paramref name="rolloutKey"/>; true when recorded (or none was wanted).</summary>
    public async Task<bool> RecordAsync(string rolloutKey, IReadOnlyCollection<NotificationEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        var notifiers = settings.Current.Notifications;
        var wanted = events.Where(e => notifiers.Any(n => n.Wants(e.Kind, e.Organization))).ToImmutableArray();
        if (wanted.IsEmpty)
        {
            return true;
        }

        var timeout = options.Value.RecordTimeout;
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            await grains.GetGrain<INotificationGrain>(rolloutKey).RecordAsync(wanted, cancellation.Token).WaitAsync(timeout);
            return true;
        }
#pragma warning disable CA1031 // An edge: whatever went wrong recording a notification must not fail the check or the trigger that called.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogNotRecorded(logger, rolloutKey, string.Join(", ", wanted.Select(e => e.Id)), ex.GetType().Name, ex.Message);
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rollout {RolloutKey}: notifications {EventIds} not recorded yet, offered again later: {Error} {Reason}")]
    private static partial void LogNotRecorded(ILogger logger, string rolloutKey, string eventIds, string error, string reason);
}
