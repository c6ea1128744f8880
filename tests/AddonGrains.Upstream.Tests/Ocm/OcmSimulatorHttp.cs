using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using AddonGrains.Simulators.Ocm;

namespace AddonGrains.Upstream.Tests.Ocm;

/// <summary>Talking to the OCM simulator over HTTP in tests: credentials, JSON bodies and the error shape.</summary>
internal static class OcmSimulatorHttp
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static FormUrlEncodedContent Form(string clientId, string secret) =>
        new([new("grant_type", "client_credentials"), new("client_id", clientId), new("client_secret", secret)]);

    public static async Task<HttpClient> AuthorizedClientAsync(OcmSimulator sim)
    {
        var http = new HttpClient();
        using var response = await http.PostAsync(sim.TokenUrl, Form(OcmSimulatorOptions.DefaultClientId, OcmSimulatorOptions.DefaultClientSecret), Ct);
        using var body = await ReadJsonAsync(response);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", body.RootElement.GetProperty("access_token").GetString());
        return http;
    }

    public static async Task<JsonDocument> GetJsonAsync(HttpClient http, OcmSimulator sim, string relative)
    {
        using var response = await http.GetAsync(new Uri(sim.BaseUrl, relative), Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await ReadJsonAsync(response);
    }

    public static async Task<List<string>> IdsAsync(HttpClient http, OcmSimulator sim, string relative)
    {
        using var body = await GetJsonAsync(http, sim, relative);
        return [.. body.RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()!)];
    }

    public static async Task<JsonDocument> ReadJsonAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
    }

    public static void AssertError(JsonDocument body, int status, string reasonPart)
    {
        var root = body.RootElement;
        Assert.Equal("Error", root.GetProperty("kind").GetString());
        Assert.Equal(JsonValueKind.String, root.GetProperty("id").ValueKind);
        Assert.Equal(status.ToString(), root.GetProperty("id").GetString());
        Assert.Equal($"CLUSTERS-MGMT-{status}", root.GetProperty("code").GetString());
        Assert.Equal($"/api/clusters_mgmt/v1/errors/{status}", root.GetProperty("href").GetString());
        Assert.False(string.IsNullOrEmpty(root.GetProperty("operation_id").GetString()));
        Assert.Contains(reasonPart, root.GetProperty("reason").GetString(), StringComparison.Ordinal);
    }
}
