using AddonGrains.Grains.Notifications;

namespace AddonGrains.Grains.Triggers;

/// <summary>
/// The trigger's notifications: <c>triggered</c> once Jenkins accepted it, <c>buildFinished</c> or
/// <c>deliveryFailed</c> once it ended. Offered after each step and when the trigger finishes (also when a reminder
/// wakes it after a crash); the outbox recognises an event it already has by its id.
/// </summary>
internal sealed partial class TriggerGrain
{
    private readonly HashSet<string> _announced = new(StringComparer.Ordinal);

    /// <summary>Records the events not recorded yet; false when that failed (they are offered again at the next step or reminder).</summary>
    private async Task<bool> AnnounceAsync()
    {
        var s = state.State;
        if (s.Request is not { } request)
        {
            return true;
        }

        var accepted = s.QueueId is not null || s.BuildNumber is not null;
        var events = NotificationEvents.ForTrigger(request, s.Status, accepted, s.BuildNumber, s.BuildUrl, s.LastError, clock.GetUtcNow())
            .Where(e => !_announced.Contains(e.Id)).ToList();
        if (events.Count == 0 || !await notifications.RecordAsync(RolloutKey.For(request.Organization, request.Addon), events))
        {
            return events.Count == 0;
        }

        _announced.UnionWith(events.Select(e => e.Id));
        return true;
    }
}
