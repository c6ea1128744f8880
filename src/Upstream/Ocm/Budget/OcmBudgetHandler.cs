namespace AddonGrains.Upstream.Ocm.Budget;

/// <summary>
/// Outermost handler of the OCM API client: a call waits for its environment's <see cref="OcmRequestBudget"/> (the end
/// of a 429 pause, a rate token, a slot) before its timeouts start, and holds the slot through its retries until
/// its body has been read.
/// </summary>
internal sealed class OcmBudgetHandler(OcmRequestBudget budget) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var lease = await budget.AcquireAsync(cancellationToken);
        var response = await base.SendAsync(request, cancellationToken);
        // A page whose body is still arriving is still in flight.
        await response.Content.LoadIntoBufferAsync(cancellationToken);
        return response;
    }
}
