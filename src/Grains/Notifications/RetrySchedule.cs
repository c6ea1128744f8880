namespace AddonGrains.Grains.Notifications;

/// <summary>When the next attempt of a failed delivery is due: the receiver's <c>Retry-After</c> when it sent one, else exponential backoff.</summary>
public static class RetrySchedule
{
    /// <summary>
    /// The delay after the <paramref name="attempts"/>-th failed attempt: <paramref name="retryAfter"/> (capped at
    /// <see cref="NotificationDeliveryOptions.RetryMaxDelay"/>) when given, else base × 2^(attempts−1) with ±20 %
    /// jitter (<paramref name="jitter"/> in [0, 1)), capped.
    /// </summary>
    public static TimeSpan Delay(int attempts, TimeSpan? retryAfter, NotificationDeliveryOptions options, double jitter)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (retryAfter is { } asked)
        {
            return asked < TimeSpan.Zero ? TimeSpan.Zero : asked > options.RetryMaxDelay ? options.RetryMaxDelay : asked;
        }

        var exponential = options.RetryBaseDelay.TotalMilliseconds * Math.Pow(2, Math.Clamp(attempts - 1, 0, 20));
        var capped = Math.Min(exponential, options.RetryMaxDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(capped * (0.8 + (jitter * 0.4)));
    }
}
