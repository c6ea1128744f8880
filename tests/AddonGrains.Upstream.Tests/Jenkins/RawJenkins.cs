using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace AddonGrains.Upstream.Tests.Jenkins;

/// <summary>A bare HttpClient against the simulator, without redirects or cookies, as a naive client would be.</summary>
internal static class RawJenkins
{
    public static HttpClient Create(Uri baseUrl, string? user = JenkinsFixture.TokenUser, string? secret = JenkinsFixture.Token)
    {
        var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = baseUrl };
        if (user is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
                "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{secret}")));
        }

        return client;
    }

    public static Task<HttpResponseMessage> PostAsync(this HttpClient client, string path, params (string Name, string Value)[] form) =>
        client.PostAsync(path, new FormUrlEncodedContent(form.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))), TestContext.Current.CancellationToken);

    public static long QueueId(this HttpResponseMessage response) =>
        long.Parse(response.Headers.Location!.AbsolutePath.TrimEnd('/').Split('/')[^1]);

    public static async Task<(string Crumb, string Cookie)> GetCrumbAsync(this HttpClient http)
    {
        using var response = await http.GetAsync("crumbIssuer/api/json", TestContext.Current.CancellationToken);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;
        return (body.GetProperty("crumb").GetString()!, response.Headers.GetValues("Set-Cookie").Single().Split(';')[0]);
    }

    public static async Task<JsonElement> GetJsonAsync(this HttpClient http, string path)
    {
        using var response = await http.GetAsync(path, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement.Clone();
    }
}
