namespace AddonGrains.Grains.Notifications;

/// <summary>What one delivery attempt came to. <see cref="Error"/> never holds a URL or a secret.</summary>
public sealed record DeliveryOutcome(DeliveryResult Result, string? Error = null, TimeSpan? RetryAfter = null)
{
    public static DeliveryOutcome Delivered { get; } = new(DeliveryResult.Delivered);

    public static DeliveryOutcome Retry(string error, TimeSpan? retryAfter = null) => new(DeliveryResult.Retry, error, retryAfter);

    public static DeliveryOutcome Permanent(string error) => new(DeliveryResult.Permanent, error);
}

/// <summary>Delivered (2xx), worth retrying (5xx, 408, 429, a timeout, no connection), or refused for good (other 4xx).</summary>
public enum DeliveryResult
{
    Delivered,
    Retry,
    Permanent,
}
