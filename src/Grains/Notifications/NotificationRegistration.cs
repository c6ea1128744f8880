using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Polly;

namespace AddonGrains.Grains.Notifications;

/// <summary>Registers the notification outboxes' services: the recorder, the sender and its HTTP client.</summary>
public static class NotificationRegistration
{
    /// <summary>Set on each notification request: HTTP tracing must leave it out (a Slack webhook URL is a credential).</summary>
    public static readonly HttpRequestOptionsKey<bool> Untraced = new("addongrains.untraced");

    /// <summary>The filter for HTTP client tracing: false for notification requests.</summary>
    public static bool Traced(HttpRequestMessage request) => request is null || !request.Options.TryGetValue(Untraced, out _);

    /// <summary>
    /// The HTTP client logs nothing (a Slack webhook URL is a secret) and times out each attempt after
    /// <see cref="NotificationDeliveryOptions.AttemptTimeout"/>; retries are the outbox's, durable.
    /// </summary>
    public static IServiceCollection AddNotifications(this IServiceCollection services)
    {
        services.AddOptions<NotificationDeliveryOptions>();
        services.TryAddSingleton<NotificationRecorder>();
        services.TryAddSingleton<INotificationSender, NotificationSender>();
        services.AddHttpClient(NotificationSender.HttpClientName)
            .RemoveAllLoggers()
            .ConfigureHttpClient(c => c.Timeout = Timeout.InfiniteTimeSpan)
            .AddResilienceHandler("notification-attempt", (pipeline, context) =>
                pipeline.AddTimeout(context.ServiceProvider.GetRequiredService<IOptions<NotificationDeliveryOptions>>().Value.AttemptTimeout));
        return services;
    }
}
