using Microsoft.Extensions.Http.Resilience;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace AddonGrains.Upstream.Jenkins;

/// <summary>
/// Total timeout → retry → attempt timeout. GETs retry on 408/429/5xx, timeouts and connection errors. POSTs retry
/// only on 429/503, where Jenkins did not process the request; a POST that timed out or lost its connection may
/// have queued a build, so it is left to the caller (<see cref="IJenkinsClient.FindTriggerAsync"/>).
/// </summary>
internal static class JenkinsResilience
{
    public static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> pipeline, JenkinsClientOptions options)
    {
        pipeline.AddTimeout(options.TotalTimeout);
        if (options.MaxRetryAttempts > 0)
        {
            pipeline.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = options.MaxRetryAttempts,
                Delay = options.RetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldRetryAfterHeader = true,
                ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args)),
            });
        }

        pipeline.AddTimeout(options.AttemptTimeout);
    }

    internal static bool ShouldRetry(RetryPredicateArguments<HttpResponseMessage> args)
    {
        var isPost = args.Context.GetRequestMessage()?.Method == HttpMethod.Post;
        if (args.Outcome.Result is { } response)
        {
            var status = (int)response.StatusCode;
            return status is 429 or 503 || (!isPost && status is 408 or >= 500);
        }

        return !isPost && args.Outcome.Exception is HttpRequestException or TimeoutRejectedException;
    }
}
