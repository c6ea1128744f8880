namespace AddonGrains.Grains.Triggers;

/// <summary>The points of the trigger path where chaos tests crash the process on purpose.</summary>
public enum DeliveryPoint
{
    /// <summary>Before the state write that marks a dispatch as started.</summary>
    BeforeDispatchWrite,
    /// <summary>After the POST returned, before the state write that confirms it.</summary>
    AfterPost,
    /// <summary>While following the queue item or the build.</summary>
    FollowUp,
}

/// <summary>Observes the trigger path. Production uses <see cref="NoDeliveryProbe"/>; chaos tests crash at a point.</summary>
public interface IDeliveryProbe
{
    /// <summary>Called when delivery of <paramref name="triggerId"/> reaches <paramref name="point"/>.</summary>
    void Reached(DeliveryPoint point, string triggerId);
}

/// <summary>Does nothing.</summary>
public sealed class NoDeliveryProbe : IDeliveryProbe
{
    public void Reached(DeliveryPoint point, string triggerId)
    {
    }
}
