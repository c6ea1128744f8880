using System.Net;
using AddonGrains.Simulators.Jenkins;

namespace AddonGrains.Upstream.Tests.Jenkins;

/// <summary>The simulator's authentication and CSRF protection, as real Jenkins answers them.</summary>
public sealed class JenkinsSimulatorSecurityTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Post_ApiTokenWithoutCrumb_Returns201()
    {
        await using var f = await JenkinsFixture.StartAsync();
        f.Simulator.AddJob(new JenkinsSimJob("plain"));
        using var http = RawJenkins.Create(f.Simulator.BaseUrl);

        using var response = await http.PostAsync("job/plain/build");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task Post_PasswordWithoutCrumb_Returns403NoValidCrumb()
    {
        await using var f = await JenkinsFixture.StartAsync();
        f.Simulator.AddJob(new JenkinsSimJob("plain"));
        using var http = RawJenkins.Create(f.Simulator.BaseUrl, JenkinsFixture.PasswordUser, JenkinsFixture.Password);

        using var response = await http.PostAsync("job/plain/build");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("No valid crumb was included in the request", await response.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task Post_PasswordCrumbWithoutItsSessionCookie_Returns403()
    {
        await using var f = await JenkinsFixture.StartAsync();
        f.Simulator.AddJob(new JenkinsSimJob("plain"));
        using var http = RawJenkins.Create(f.Simulator.BaseUrl, JenkinsFixture.PasswordUser, JenkinsFixture.Password);
        var (crumb, cookie) = await RawJenkins.GetCrumbAsync(http);
        var (_, otherCookie) = await RawJenkins.GetCrumbAsync(http);

        using var noCookie = new HttpRequestMessage(HttpMethod.Post, "job/plain/build");
        noCookie.Headers.Add("Jenkins-Crumb", crumb);
        using var withoutCookie = await http.SendAsync(noCookie, Ct);
        using var otherSession = new HttpRequestMessage(HttpMethod.Post, "job/plain/build");
        otherSession.Headers.Add("Jenkins-Crumb", crumb);
        otherSession.Headers.Add("Cookie", otherCookie);
        using var withOtherSession = await http.SendAsync(otherSession, Ct);
        using var sameSession = new HttpRequestMessage(HttpMethod.Post, "job/plain/build");
        sameSession.Headers.Add("Jenkins-Crumb", crumb);
        sameSession.Headers.Add("Cookie", cookie);
        using var withSameSession = await http.SendAsync(sameSession, Ct);

        Assert.Equal(HttpStatusCode.Forbidden, withoutCookie.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, withOtherSession.StatusCode);
        Assert.Equal(HttpStatusCode.Created, withSameSession.StatusCode);
    }

    [Fact]
    public async Task Post_NoCredentials_Returns403NotChallenge()
    {
        await using var f = await JenkinsFixture.StartAsync();
        f.Simulator.AddJob(new JenkinsSimJob("plain"));
        using var http = RawJenkins.Create(f.Simulator.BaseUrl, user: null);

        using var response = await http.PostAsync("job/plain/build");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty(response.Headers.WwwAuthenticate);
    }

    [Fact]
    public async Task Get_BadCredentials_Returns401WithBasicRealmJenkins()
    {
        await using var f = await JenkinsFixture.StartAsync();
        using var http = RawJenkins.Create(f.Simulator.BaseUrl, JenkinsFixture.TokenUser, "wrong");

        using var response = await http.GetAsync("api/json", Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Basic realm=\"Jenkins\"", response.Headers.WwwAuthenticate.Single().ToString());
    }
}
