
namespace AddonGrains.Grains.Notifications;

/// <summary>Makes one delivery attempt of one event to one notifier.</summary>
public interface INotificationSender
{
    /// <summary>One attempt; never throws for a receiver's failure (it is the outcome), only when cancelled.</summary>
    Task<DeliveryOutcome> SendAsync(NotifierSettings notifier, NotificationEvent e, CancellationToken cancellationToken);
}
