using System.Net;

namespace AddonGrains.Upstream.Ocm.Budget;

/// <summary>
/// Innermost handler of the OCM API client: no attempt goes out while its environment is paused, and a 429 with
/// <c>Retry-After</c> pauses the whole environment (every organization), not just the call that got it.
/// </summary>
internal sealed class OcmPauseHandler(OcmRequestBudget budget, TimeProvider clock) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        await budget.WaitWhilePausedAsync(cancellationToken).ConfigureAwait(false);
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.TooManyRequests && RetryAfter(response) is { } pause && pause > TimeSpan.Zero)
        {
            budget.PauseFromResponse(pause);
        }
        return response;
    }

    private TimeSpan? RetryAfter(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - clock.GetUtcNow(),
        _ => null,
    };
}
