using System.Net;
using AddonGrains.Upstream.Ocm;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace AddonGrains.Upstream.Tests.Ocm;

public sealed class OcmTokenProviderTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GetTokenAsync_WhenMoreThanOneMinuteLeft_ReusesCachedToken()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2025-01-01T00:00:00Z"));
        using var provider = Create(time, out var stub);
        var first = await provider.GetTokenAsync(Ct);

        time.Advance(TimeSpan.FromMinutes(13));
        var second = await provider.GetTokenAsync(Ct);

        Assert.Equal(first, second);
        Assert.Single(stub.Requests);
    }

    [Fact]
    public async Task GetTokenAsync_WhenLessThanOneMinuteLeftBeforeExp_FetchesNewTokenBeforeExpiry()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2025-01-01T00:00:00Z"));
        using var provider = Create(time, out var stub);
        var first = await provider.GetTokenAsync(Ct);

        time.Advance(TimeSpan.FromMinutes(14) + TimeSpan.FromSeconds(1));
        var second = await provider.GetTokenAsync(Ct);

        Assert.NotEqual(first, second);
        Assert.Equal(2, stub.Requests.Count);
    }

    [Fact]
    public async Task Invalidate_AfterRejectedToken_NextCallFetchesNewToken()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2025-01-01T00:00:00Z"));
        using var provider = Create(time, out var stub);
        var first = await provider.GetTokenAsync(Ct);

        provider.Invalidate(first);
        var second = await provider.GetTokenAsync(Ct);

        Assert.NotEqual(first, second);
        Assert.Equal(2, stub.Requests.Count);
    }

    [Fact]
    public async Task GetTokenAsync_Always_PostsClientCredentialsForm()
    {
        using var provider = Create(new FakeTimeProvider(), out var stub);

        await provider.GetTokenAsync(Ct);

        var form = Assert.Single(stub.Bodies);
        Assert.Equal($"grant_type=client_credentials&client_id=svc-client&client_secret={OcmClientHarness.Secret}", form);
    }

    [Fact]
    public async Task GetTokenAsync_WhenCredentialsRejected_ThrowsOcmExceptionNamingClientButNotSecret()
    {
        using var provider = Create(new FakeTimeProvider(), out _, (_, _) => StubHttpHandler.Json(
            """{"error":"invalid_client","error_description":"Invalid client or Invalid client credentials"}""", HttpStatusCode.Unauthorized));

        var ex = await Assert.ThrowsAsync<OcmException>(() => provider.GetTokenAsync(Ct).AsTask());

        Assert.Equal(401, ex.StatusCode);
        Assert.Contains("invalid_client", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'svc-client'", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(OcmClientHarness.Secret, ex.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void ToString_OfConnectionAndProvider_NeverContainsSecret()
    {
        using var provider = Create(new FakeTimeProvider(), out _);

        Assert.DoesNotContain(OcmClientHarness.Secret, OcmClientHarness.StubConnection().ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(OcmClientHarness.Secret, provider.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void TryReadExpiry_WithJwt_ReadsExpAndWithOpaqueToken_ReturnsNull()
    {
        var expires = DateTimeOffset.FromUnixTimeSeconds(1_900_000_000);

        Assert.Equal(expires, OcmJwt.TryReadExpiry(TestJwt.Create(expires)));
        Assert.Null(OcmJwt.TryReadExpiry("opaque-token"));
        Assert.Null(OcmJwt.TryReadExpiry("a.!!!.c"));
    }

    private static OcmTokenProvider Create(FakeTimeProvider time, out StubHttpHandler stub, Func<HttpRequestMessage, int, HttpResponseMessage>? respond = null)
    {
        stub = new StubHttpHandler(respond ?? ((_, n) => StubHttpHandler.Json(TestJwt.TokenResponse(TestJwt.Create(time.GetUtcNow().AddMinutes(15), $"t{n}")))));
        return new OcmTokenProvider(
            OcmClientHarness.StubConnection(),
            new StubHttpClientFactory(stub),
            time,
            Options.Create(new OcmClientOptions()),
            NullLogger<OcmTokenProvider>.Instance);
    }

    private sealed class StubHttpClientFactory(HttpMessageHandler handler) : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => new(handler, disposeHandler: false);
    }
}
