using System.Net.Http.Headers;
using System.Text;

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
}
