using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Polly.Timeout;

namespace AddonGrains.Grains.Notifications;

/// <summary>
/// Posts over the <see cref="HttpClientName"/> client (no HTTP logging, an attempt timeout, no tracing: a Slack
/// webhook URL is a secret). Retries are not made here: they are durable, in the outbox (<see cref="NotificationOutbox"/>).
/// </summary>
internal sealed class NotificationSender(
    IHttpClientFactory http,
    IOptions<ClusterOptions> cluster,
    [Microsoft.Extensions.DependencyInjection.FromKeyedServices(Clock.Key)] TimeProvider clock) : INotificationSender
{
    public const string HttpClientName = "addongrains-notifications";

    public async Task<DeliveryOutcome> SendAsync(NotifierSettings notifier, NotificationEvent e, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notifier);
        string body;
        Uri url;
        string mediaType;
        if (notifier.SlackWebhookUrl is { } slack)
        {
            (body, url, mediaType) = (NotificationMessages.Slack(e), new Uri(slack.Value), "application/json");
        }
        else
        {
            (body, url, mediaType) = (NotificationMessages.CloudEvent(e, cluster.Value.ClusterId), notifier.WebhookUrl!, NotificationMessages.CloudEventsMediaType);
        }

        var bytes = Encoding.UTF8.GetBytes(body);
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(mediaType) { CharSet = "utf-8" };
        request.Options.Set(NotificationRegistration.Untraced, true);
        if (notifier.WebhookSecret is { } secret)
        {
            request.Headers.Add(NotificationMessages.SignatureHeader, NotificationMessages.Signature(secret.Value, bytes));
        }

        try
        {
            using var response = await http.CreateClient(HttpClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            return Classify(response);
        }
        catch (TimeoutRejectedException)
        {
            return DeliveryOutcome.Retry("the receiver did not answer in time");
        }
        catch (HttpRequestException ex)
        {
            // Our own words: the exception's message may name the address.
            return DeliveryOutcome.Retry($"no connection to the receiver ({ex.HttpRequestError})");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return DeliveryOutcome.Retry("the receiver did not answer in time");
        }
    }

    private DeliveryOutcome Classify(HttpResponseMessage response)
    {
        var code = (int)response.StatusCode;
        if (response.IsSuccessStatusCode)
        {
            return DeliveryOutcome.Delivered;
        }

        var error = $"the receiver answered {code} {response.ReasonPhrase}".TrimEnd();
        return response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout || code >= 500
            ? DeliveryOutcome.Retry(error, RetryAfter(response.Headers.RetryAfter))
            : DeliveryOutcome.Permanent(error);
    }

    private TimeSpan? RetryAfter(RetryConditionHeaderValue? header) =>
        header?.Delta ?? (header?.Date is { } date ? date - clock.GetUtcNow() : null);
}
