using System.Net;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Polly.Timeout;

namespace AddonGrains.Upstream.Ocm;

/// <summary>
/// Total timeout (for the API client: taken by the OCM client around each page) → retry (exponential, jitter,
/// Retry-After) → attempt timeout. 429 and 503 are retried for any
/// method (the server did not process the request); other 5xx, timeouts and connection errors only when the
/// request is idempotent (GET, or the token request).
/// </summary>
internal static class OcmResilience
{
    // totalTimeout is false for the API client: OcmClient bounds each page by the total timeout itself, body read
    // included, which a pipeline timeout cannot (it ends when the headers arrive).
    public static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> builder, OcmClientOptions options, bool postIsIdempotent, bool totalTimeout = true)
    {
        if (totalTimeout)
        {
            builder.AddTimeout(options.TotalTimeout);
        }
        if (options.RetryCount > 0)
        {
            builder.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = options.RetryCount,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryBaseDelay,
                ShouldRetryAfterHeader = true,
                ShouldHandle = args => ValueTask.FromResult(
                    ShouldRetry(args.Outcome, args.Context.GetRequestMessage()?.Method, postIsIdempotent)),
            });
        }
        builder.AddTimeout(options.AttemptTimeout);
    }

    internal static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, HttpMethod? method, bool postIsIdempotent)
    {
        var idempotent = method == HttpMethod.Get || (postIsIdempotent && method == HttpMethod.Post);
        if (outcome.Exception is not null)
        {
            return idempotent && outcome.Exception is HttpRequestException or TimeoutRejectedException;
        }
        return outcome.Result?.StatusCode switch
        {
            HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable => true,
            HttpStatusCode.RequestTimeout => idempotent,
            { } status when (int)status >= 500 => idempotent,
            _ => false,
        };
    }
}
