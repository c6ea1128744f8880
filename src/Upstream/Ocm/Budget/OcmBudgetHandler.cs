using System.Net;

namespace AddonGrains.Upstream.Ocm.Budget;

/// <summary>
/// Innermost handler of the OCM API client: every attempt (retries included) holds one slot of its environment's
/// <see cref="OcmRequestBudget"/> until its body has been read, and a 429 with <c>Retry-After</c> pauses the
/// whole environment, not just this call.
/// </summary>
internal sealed class OcmBudgetHandler(OcmRequestBudget budget) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var lease = await budget.AcquireAsync(cancellationToken);
        var response = await base.SendAsync(request, cancellationToken);
        if (response.StatusCode == HttpStatusCode.TooManyRequests && RetryAfter(response) is { } pause)
        {
            budget.Pause(pause);
        }
        // The slot covers the whole exchange: a page whose body is still arriving is still in flight.
        await response.Content.LoadIntoBufferAsync(cancellationToken);
        return response;
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - DateTimeOffset.UtcNow,
        _ => null,
    };
}
