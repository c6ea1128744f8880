namespace AddonGrains.Simulators.Notifications;

/// <summary>How the receiver simulator answers.</summary>
public enum ReceiverFault
{
    /// <summary>204 No Content: accepted.</summary>
    None,
    /// <summary>500 Internal Server Error.</summary>
    ServerError,
    /// <summary>429 Too Many Requests with <c>Retry-After</c> (<see cref="NotificationReceiver.RetryAfterSeconds"/>).</summary>
    TooManyRequests,
    /// <summary>Never answers (until the fault changes or the receiver stops): the sender's timeout is the only way out.</summary>
    Hang,
}
