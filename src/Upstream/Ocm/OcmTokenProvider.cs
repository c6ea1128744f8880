using System.Net.Http.Headers;
using System.Text.Json;
using AddonGrains.Upstream.Ocm.Dto;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly.Timeout;

namespace AddonGrains.Upstream.Ocm;

/// <summary>
/// Client-credentials access tokens for one OCM connection, cached until less than
/// <see cref="OcmClientOptions.TokenRefreshMargin"/> is left before the JWT <c>exp</c> (read without verifying,
/// as the OCM SDK does). The token and the secret never reach a log, a message or <see cref="object.ToString"/>.
/// </summary>
internal sealed partial class OcmTokenProvider(
    OcmConnection connection,
    IHttpClientFactory httpClientFactory,
    TimeProvider timeProvider,
    IOptions<OcmClientOptions> options,
    ILogger<OcmTokenProvider> logger) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile CachedToken? _current;

    public async ValueTask<string> GetTokenAsync(CancellationToken cancellationToken)
    {
        if (_current is { } fresh && fresh.IsFresh(timeProvider.GetUtcNow()))
        {
            return fresh.Value;
        }
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_current is { } raced && raced.IsFresh(timeProvider.GetUtcNow()))
            {
                return raced.Value;
            }
            var token = await RequestTokenAsync(cancellationToken);
            _current = token;
            return token.Value;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Forgets <paramref name="rejectedToken"/> (OCM answered 401 to it) so the next call fetches a new one.</summary>
    public void Invalidate(string rejectedToken)
    {
        if (_current is { } current && current.Value == rejectedToken)
        {
            _current = null;
        }
    }

    public void Dispose() => _gate.Dispose();

    private async Task<CachedToken> RequestTokenAsync(CancellationToken cancellationToken)
    {
        var client = httpClientFactory.CreateClient(OcmHttpClientNames.Token(connection.Name));
        using var request = new HttpRequestMessage(HttpMethod.Post, connection.AccessTokenUrl)
        {
            Content = new FormUrlEncodedContent(
            [
                new("grant_type", "client_credentials"),
                new("client_id", connection.ClientId),
                new("client_secret", connection.ClientSecret),
            ]),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        string body;
        int status;
        try
        {
            using var response = await client.SendAsync(request, cancellationToken);
            status = (int)response.StatusCode;
            body = await response.Content.ReadAsStringAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutRejectedException
            || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw Failure($"no response ({ex.GetType().Name}: {ex.Message}). Check that {connection.AccessTokenUrl} is reachable", null, ex);
        }
        var dto = TryParse(body);
        if (status is < 200 or > 299)
        {
            var detail = dto?.Error is null ? "" : $", error '{dto.Error}' ({dto.ErrorDescription})";
            var hint = status is 400 or 401 or 403
                ? "Check accessTokenClientId and accessTokenClientSecret of this OCM connection"
                : "The SSO server failed; it was retried, try again later";
            throw Failure($"HTTP {status}{detail}. {hint}", status);
        }
        if (dto is null || string.IsNullOrEmpty(dto.AccessToken))
        {
            throw Failure($"HTTP {status} but the body has no 'access_token'. Check accessTokenUrl", status);
        }
        if (dto.TokenType is { } type && !type.Equals("bearer", StringComparison.OrdinalIgnoreCase))
        {
            throw Failure($"token_type is '{type}', expected 'bearer'. Check accessTokenUrl", status);
        }
        var now = timeProvider.GetUtcNow();
        var expiresAt = OcmJwt.TryReadExpiry(dto.AccessToken)
            ?? (dto.ExpiresIn is > 0 ? now.AddSeconds(dto.ExpiresIn.Value) : null);
        LogTokenObtained(logger, connection.Name, expiresAt);
        return new CachedToken(dto.AccessToken, expiresAt - options.Value.TokenRefreshMargin);
    }

    private static OcmTokenResponseDto? TryParse(string body)
    {
        try
        {
            return JsonSerializer.Deserialize<OcmTokenResponseDto>(body, OcmJson.Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private OcmException Failure(string what, int? status, Exception? inner = null) => new(
        $"OCM '{connection.Name}': token request to {connection.AccessTokenUrl} for client '{connection.ClientId}' failed: {what}.",
        status,
        inner);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Obtained an OCM access token for {OcmName}, expiring at {ExpiresAt}")]
    private static partial void LogTokenObtained(ILogger logger, string ocmName, DateTimeOffset? expiresAt);

    // A class, not a record: a record's ToString would print the token.
    private sealed class CachedToken(string value, DateTimeOffset? refreshAt)
    {
        public string Value { get; } = value;

        public bool IsFresh(DateTimeOffset now) => refreshAt is null || now < refreshAt;
    }
}
