using System.Buffers.Text;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using AddonGrains.Simulators.Ocm;
using Microsoft.Extensions.Time.Testing;
using static AddonGrains.Upstream.Tests.Ocm.OcmSimulatorHttp;

namespace AddonGrains.Upstream.Tests.Ocm;

/// <summary>The simulator over real HTTP: the token endpoint and the 401 shapes of the API.</summary>
public sealed class OcmSimulatorAuthTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Token_WithFormCredentials_IssuesJwtWithExpAndBearerTyp()
    {
        await using var sim = await OcmSimulator.StartAsync(cancellationToken: Ct);
        using var http = new HttpClient();

        using var response = await http.PostAsync(sim.TokenUrl, Form(OcmSimulatorOptions.DefaultClientId, OcmSimulatorOptions.DefaultClientSecret), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = await ReadJsonAsync(response);
        var token = body.RootElement.GetProperty("access_token").GetString()!;
        var parts = token.Split('.');
        Assert.Equal(3, parts.Length);
        using var payload = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[1]));
        Assert.Equal("Bearer", payload.RootElement.GetProperty("typ").GetString());
        var exp = DateTimeOffset.FromUnixTimeSeconds(payload.RootElement.GetProperty("exp").GetInt64());
        Assert.InRange(exp - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(14), TimeSpan.FromMinutes(16));
        Assert.Equal("Bearer", body.RootElement.GetProperty("token_type").GetString());
    }

    [Fact]
    public async Task Token_WithBasicCredentials_IssuesToken()
    {
        await using var sim = await OcmSimulator.StartAsync(cancellationToken: Ct);
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, sim.TokenUrl)
        {
            Content = new FormUrlEncodedContent([new("grant_type", "client_credentials")]),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{OcmSimulatorOptions.DefaultClientId}:{OcmSimulatorOptions.DefaultClientSecret}")));

        using var response = await http.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Token_WithWrongSecret_Returns401WithErrorAndDescription()
    {
        await using var sim = await OcmSimulator.StartAsync(cancellationToken: Ct);
        using var http = new HttpClient();

        using var response = await http.PostAsync(sim.TokenUrl, Form(OcmSimulatorOptions.DefaultClientId, "wrong"), Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        using var body = await ReadJsonAsync(response);
        Assert.Equal("invalid_client", body.RootElement.GetProperty("error").GetString());
        Assert.False(string.IsNullOrEmpty(body.RootElement.GetProperty("error_description").GetString()));
    }

    [Theory]
    [InlineData(null, "Authorization")]
    [InlineData("Bearer not-a-jwt", "malformed")]
    [InlineData("Bearer a.b.c", "verified")]
    public async Task Api_WithMissingOrBadBearer_Returns401WithWwwAuthenticateAndStringErrorId(string? authorization, string reason)
    {
        await using var sim = await OcmSimulator.StartAsync(cancellationToken: Ct);
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(sim.BaseUrl, "api/clusters_mgmt/v1/clusters"));
        request.Headers.TryAddWithoutValidation("Authorization", authorization);

        using var response = await http.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer realm=\"clusters_mgmt/v1\"", response.Headers.WwwAuthenticate.ToString());
        using var body = await ReadJsonAsync(response);
        AssertError(body, 401, reason);
    }

    [Fact]
    public async Task Api_WithExpiredToken_Returns401TokenIsExpired()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var sim = await OcmSimulator.StartAsync(new OcmSimulatorOptions { TimeProvider = time }, Ct);
        using var http = await AuthorizedClientAsync(sim);

        time.Advance(TimeSpan.FromMinutes(15));
        using var response = await http.GetAsync(new Uri(sim.BaseUrl, "api/clusters_mgmt/v1/clusters"), Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        using var body = await ReadJsonAsync(response);
        AssertError(body, 401, "Bearer token is expired");
    }
}
