using System.Net;

namespace AddonGrains.Upstream.Ocm;

/// <summary>Adds the bearer token; on a 401 it drops the token, fetches a new one and retries once.</summary>
internal sealed class OcmBearerHandler(OcmTokenProvider tokens) : DelegatingHandler
{
    // "Bearer <token>" is built once per token, not once per request (a JWT is several hundred characters).
    private volatile BearerHeader? _header;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var token = await tokens.GetTokenAsync(cancellationToken).ConfigureAwait(false);
        SetBearer(request, token);
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Unauthorized)
        {
            return response;
        }
        response.Dispose();
        tokens.Invalidate(token);
        token = await tokens.GetTokenAsync(cancellationToken).ConfigureAwait(false);
        SetBearer(request, token);
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    private void SetBearer(HttpRequestMessage request, string token)
    {
        var current = _header;
        if (current is null || !ReferenceEquals(current.Token, token))
        {
            current = new BearerHeader(token, $"Bearer {token}");
            _header = current;
        }
        request.Headers.Remove("Authorization");
        request.Headers.TryAddWithoutValidation("Authorization", current.Header);
    }

    private sealed record BearerHeader(string Token, string Header);
}
