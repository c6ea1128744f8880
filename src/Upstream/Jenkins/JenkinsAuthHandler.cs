using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Microsoft.Extensions.Logging;

namespace AddonGrains.Upstream.Jenkins;

/// <summary>
/// Adds HTTP Basic credentials. With an API token nothing else is needed (Jenkins exempts token requests from CSRF).
/// With a password, every POST first fetches a crumb and sends it back in the header named by
/// <c>crumbRequestField</c> together with the session cookie of the crumb response (the crumb is bound to the
/// session). A 404 from the crumb issuer means CSRF protection is off.
/// </summary>
internal sealed partial class JenkinsAuthHandler(JenkinsConnection connection, ILogger<JenkinsAuthHandler> logger) : DelegatingHandler
{
    private readonly string _basic = Convert.ToBase64String(
        Encoding.UTF8.GetBytes($"{connection.User}:{connection.Token ?? connection.Password}"));

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", _basic);
        if (connection.Token is null && request.Method == HttpMethod.Post)
        {
            var crumb = await FetchCrumbAsync(cancellationToken);
            if (crumb is not null)
            {
                request.Headers.Remove(crumb.Value.Field);
                request.Headers.TryAddWithoutValidation(crumb.Value.Field, crumb.Value.Value);
                if (crumb.Value.Cookie is not null)
                {
                    request.Headers.Remove("Cookie");
                    request.Headers.TryAddWithoutValidation("Cookie", crumb.Value.Cookie);
                }
            }
        }

        return await base.SendAsync(request, cancellationToken);
    }

    private async Task<(string Field, string Value, string? Cookie)?> FetchCrumbAsync(CancellationToken cancellationToken)
    {
        var baseUrl = connection.ServerUrl.AbsoluteUri.EndsWith('/') ? connection.ServerUrl : new Uri(connection.ServerUrl.AbsoluteUri + "/");
        using var crumbRequest = new HttpRequestMessage(HttpMethod.Get, new Uri(baseUrl, "crumbIssuer/api/json"));
        crumbRequest.Headers.Authorization = new AuthenticationHeaderValue("Basic", _basic);
        using var response = await base.SendAsync(crumbRequest, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            LogNoCrumbIssuer(logger, connection.Name);
            return null;
        }

        if (!response.IsSuccessStatusCode)
        {
            // The POST has not been sent: any failure here is safe to retry by the caller.
            throw JenkinsErrors.FromStatus(response.StatusCode, response.Headers, null, "get crumb", connection.User, null);
        }

        var crumb = await response.Content.ReadFromJsonAsync<JenkinsDto.CrumbIssuer>(cancellationToken);
        if (crumb?.Crumb is null)
        {
            throw new JenkinsException("Jenkins crumb issuer returned no crumb", JenkinsFailureKind.Transient, (int)response.StatusCode);
        }

        var cookies = response.Headers.TryGetValues("Set-Cookie", out var values)
            ? string.Join("; ", values.Select(v => v.Split(';')[0].Trim()))
            : null;
        return (crumb.CrumbRequestField ?? "Jenkins-Crumb", crumb.Crumb, string.IsNullOrEmpty(cookies) ? null : cookies);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Jenkins {Instance}: no crumb issuer (CSRF protection off)")]
    private static partial void LogNoCrumbIssuer(ILogger logger, string instance);
}
