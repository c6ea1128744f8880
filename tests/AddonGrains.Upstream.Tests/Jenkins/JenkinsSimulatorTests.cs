using System.Net;
using System.Text.Json;
using AddonGrains.Simulators.Jenkins;

namespace AddonGrains.Upstream.Tests.Jenkins;

public sealed class JenkinsSimulatorTests
{
    private static readonly Dictionary<string, string> E2eParameters = new() { ["ADDON_VERSION"] = "1.0", ["TRIGGER_ID"] = "" };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Build_PlainJob_Returns201WithAbsoluteQueueLocation()
    {
        await using var f = await JenkinsFixture.StartAsync();
        f.Simulator.AddJob(new JenkinsSimJob("plain"));
        using var http = RawJenkins.Create(f.Simulator.BaseUrl);

        using var response = await http.PostAsync("job/plain/build");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.True(response.Headers.Location!.IsAbsoluteUri);
        Assert.Matches("^http://127\\.0\\.0\\.1:\\d+/queue/item/\\d+/$", response.Headers.Location.AbsoluteUri);
        Assert.Equal(f.Simulator.BaseUrl.Host, response.Headers.Location.Host);
    }

    [Fact]
    public async Task Build_PlainJobWhileWaiting_Returns201WithSameQueueItem()
    {
        await using var f = await JenkinsFixture.StartAsync();
        f.Simulator.AddJob(new JenkinsSimJob("plain"));
        using var http = RawJenkins.Create(f.Simulator.BaseUrl);

        using var first = await http.PostAsync("job/plain/build");
        using var second = await http.PostAsync("job/plain/build");

        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.Equal(first.QueueId(), second.QueueId());
    }

    [Fact]
    public async Task BuildWithParameters_SameParameterSetWaiting_Returns303SameIdAndMergesCauses()
    {
        await using var f = await JenkinsFixture.StartAsync();
        f.Simulator.AddJob(new JenkinsSimJob("e2e") { Parameters = E2eParameters });
        using var http = RawJenkins.Create(f.Simulator.BaseUrl);

        using var first = await http.PostAsync("job/e2e/buildWithParameters", ("TRIGGER_ID", "t1"), ("ADDON_VERSION", "2"));
        using var second = await http.PostAsync("job/e2e/buildWithParameters", ("ADDON_VERSION", "2"), ("TRIGGER_ID", "t1"));
        using var other = await http.PostAsync("job/e2e/buildWithParameters", ("TRIGGER_ID", "t2"));
        f.Time.Advance(TimeSpan.FromSeconds(6));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.SeeOther, second.StatusCode);
        Assert.Equal(first.QueueId(), second.QueueId());
        Assert.Equal(HttpStatusCode.Created, other.StatusCode);
        Assert.True(other.QueueId() > first.QueueId());
        var builds = f.Simulator.Builds("e2e");
        Assert.Equal(2, builds.Count);
        Assert.Equal(2, builds.Single(b => b.QueueId == first.QueueId()).CauseCount);
    }

    [Fact]
    public async Task BuildWithParameters_AfterBuildStarted_QueuesNewItem()
    {
        await using var f = await JenkinsFixture.StartAsync();
        f.Simulator.AddJob(new JenkinsSimJob("e2e") { Parameters = E2eParameters });
        using var http = RawJenkins.Create(f.Simulator.BaseUrl);

        using var first = await http.PostAsync("job/e2e/buildWithParameters", ("TRIGGER_ID", "t1"));
        f.Time.Advance(TimeSpan.FromSeconds(6));
        using var second = await http.PostAsync("job/e2e/buildWithParameters", ("TRIGGER_ID", "t1"));

        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.NotEqual(first.QueueId(), second.QueueId());
    }

    [Fact]
    public async Task BuildWithParameters_UnknownAndMissingParameters_ListsOnlyDeclaredWithDefaults()
    {
        await using var f = await JenkinsFixture.StartAsync();
        f.Simulator.AddJob(new JenkinsSimJob("e2e") { Parameters = E2eParameters });
        using var http = RawJenkins.Create(f.Simulator.BaseUrl);

        await http.PostAsync("job/e2e/buildWithParameters?delay=0", ("TRIGGER_ID", "t1"), ("UNKNOWN", "x"));
        var build = f.Simulator.Builds("e2e").Single();

        Assert.Equal(new Dictionary<string, string> { ["ADDON_VERSION"] = "1.0", ["TRIGGER_ID"] = "t1" }, build.Parameters);
    }

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
        var (crumb, cookie) = await GetCrumbAsync(http);
        var (_, otherCookie) = await GetCrumbAsync(http);

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

    [Fact]
    public async Task Build_ParameterizedJob_Returns400AndGetShowsForm()
    {
        await using var f = await JenkinsFixture.StartAsync();
        f.Simulator.AddJob(new JenkinsSimJob("e2e") { Parameters = E2eParameters });
        using var http = RawJenkins.Create(f.Simulator.BaseUrl);

        using var post = await http.PostAsync("job/e2e/build");
        using var get = await http.GetAsync("job/e2e/build", Ct);

        Assert.Equal(HttpStatusCode.BadRequest, post.StatusCode);
        Assert.Contains("Nothing is submitted", await post.Content.ReadAsStringAsync(Ct));
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Empty(f.Simulator.QueueItems);
    }

    [Fact]
    public async Task BuildWithParameters_PlainJob_Returns400NotParameterized()
    {
        await using var f = await JenkinsFixture.StartAsync();
        f.Simulator.AddJob(new JenkinsSimJob("plain"));
        using var http = RawJenkins.Create(f.Simulator.BaseUrl);

        using var response = await http.PostAsync("job/plain/buildWithParameters");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("plain is not parameterized", await response.Content.ReadAsStringAsync(Ct));
    }

    [Theory]
    [InlineData("job/plain/build")]
    [InlineData("job/e2e/buildWithParameters")]
    public async Task Get_TriggerUrl_Returns405AllowPost(string path)
    {
        await using var f = await JenkinsFixture.StartAsync();
        f.Simulator.AddJob(new JenkinsSimJob("plain"));
        f.Simulator.AddJob(new JenkinsSimJob("e2e") { Parameters = E2eParameters });
        using var http = RawJenkins.Create(f.Simulator.BaseUrl);

        using var response = await http.GetAsync(path, Ct);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Contains("POST", response.Content.Headers.Allow);
    }

    [Fact]
    public async Task Post_DisabledJob_Returns409()
    {
        await using var f = await JenkinsFixture.StartAsync();
        f.Simulator.AddJob(new JenkinsSimJob("off") { Disabled = true });
        using var http = RawJenkins.Create(f.Simulator.BaseUrl);

        using var response = await http.PostAsync("job/off/build");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
    }

    [Fact]
    public async Task Get_UnknownJob_Returns404Html()
    {
        await using var f = await JenkinsFixture.StartAsync();
        using var http = RawJenkins.Create(f.Simulator.BaseUrl);

        using var response = await http.GetAsync("job/nope/api/json", Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
    }

    [Theory]
    [InlineData("1999", 1)]
    [InlineData("500", 0)]
    [InlineData("3sec", 3)]
    [InlineData("2secs", 2)]
    public async Task Delay_WithOrWithoutUnit_IsMillisecondsOrSecondsInWholeSeconds(string delay, int expectedSeconds)
    {
        await using var f = await JenkinsFixture.StartAsync();
        f.Simulator.AddJob(new JenkinsSimJob("plain"));
        using var http = RawJenkins.Create(f.Simulator.BaseUrl);
        var start = f.Time.GetUtcNow();

        using var response = await http.PostAsync($"job/plain/build?delay={delay}");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(start.AddSeconds(expectedSeconds), f.Simulator.QueueItems.Single().Due);
    }

    [Fact]
    public async Task Delay_Unparsable_Returns500()
    {
        await using var f = await JenkinsFixture.StartAsync();
        f.Simulator.AddJob(new JenkinsSimJob("plain"));
        using var http = RawJenkins.Create(f.Simulator.BaseUrl);

        using var response = await http.PostAsync("job/plain/build?delay=5min");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
    }

    [Fact]
    public async Task Post_NoDelay_UsesDefaultQuietPeriodOf5Seconds()
    {
        await using var f = await JenkinsFixture.StartAsync();
        f.Simulator.AddJob(new JenkinsSimJob("plain"));
        using var http = RawJenkins.Create(f.Simulator.BaseUrl);

        await http.PostAsync("job/plain/build");
        f.Time.Advance(TimeSpan.FromSeconds(4.9));
        var before = f.Simulator.Builds("plain").Count;
        f.Time.Advance(TimeSpan.FromSeconds(0.1));

        Assert.Equal(0, before);
        Assert.Single(f.Simulator.Builds("plain"));
    }

    [Fact]
    public async Task QueueItem_Lifecycle_ExecutableAbsentThenSetThen404AfterRetention()
    {
        await using var f = await JenkinsFixture.StartAsync();
        f.Simulator.AddJob(new JenkinsSimJob("plain"));
        using var http = RawJenkins.Create(f.Simulator.BaseUrl);
        var id = (await http.PostAsync("job/plain/build")).QueueId();

        var waiting = await GetJsonAsync(http, $"queue/item/{id}/api/json");
        f.Time.Advance(TimeSpan.FromSeconds(5));
        var left = await GetJsonAsync(http, $"queue/item/{id}/api/json");
        f.Time.Advance(TimeSpan.FromMinutes(5));
        using var expired = await http.GetAsync($"queue/item/{id}/api/json", Ct);

        Assert.Equal("hudson.model.Queue$WaitingItem", waiting.GetProperty("_class").GetString());
        Assert.False(waiting.TryGetProperty("executable", out _));
        Assert.Equal("hudson.model.Queue$LeftItem", left.GetProperty("_class").GetString());
        Assert.Equal(1, left.GetProperty("executable").GetProperty("number").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, expired.StatusCode);
    }

    [Fact]
    public async Task QueueItem_Cancelled_ExecutableIsExplicitNull()
    {
        await using var f = await JenkinsFixture.StartAsync();
        f.Simulator.AddJob(new JenkinsSimJob("plain"));
        using var http = RawJenkins.Create(f.Simulator.BaseUrl);
        var id = (await http.PostAsync("job/plain/build")).QueueId();

        Assert.True(f.Simulator.CancelQueueItem(id));
        var item = await GetJsonAsync(http, $"queue/item/{id}/api/json");

        Assert.True(item.GetProperty("cancelled").GetBoolean());
        Assert.Equal(JsonValueKind.Null, item.GetProperty("executable").ValueKind);
    }

    [Fact]
    public async Task Build_ResultLead_ResultSetWhileStillBuilding()
    {
        await using var f = await JenkinsFixture.StartAsync(t => new JenkinsSimulatorOptions { TimeProvider = t, ResultLead = TimeSpan.FromSeconds(1) });
        f.Simulator.AddJob(new JenkinsSimJob("plain") { BuildDuration = TimeSpan.FromSeconds(10), Result = "UNSTABLE" });
        using var http = RawJenkins.Create(f.Simulator.BaseUrl);
        await http.PostAsync("job/plain/build?delay=0");

        var running = await GetJsonAsync(http, "job/plain/1/api/json");
        f.Time.Advance(TimeSpan.FromSeconds(9.5));
        var finishing = await GetJsonAsync(http, "job/plain/1/api/json");
        f.Time.Advance(TimeSpan.FromSeconds(1));
        var done = await GetJsonAsync(http, "job/plain/lastBuild/api/json");

        Assert.Equal(JsonValueKind.Null, running.GetProperty("result").ValueKind);
        Assert.Equal(0, running.GetProperty("duration").GetInt64());
        Assert.True(finishing.GetProperty("building").GetBoolean());
        Assert.Equal("UNSTABLE", finishing.GetProperty("result").GetString());
        Assert.False(done.GetProperty("building").GetBoolean());
        Assert.Equal(10_000, done.GetProperty("duration").GetInt64());
        Assert.Contains(done.GetProperty("actions").EnumerateArray(), a => a.ValueKind == JsonValueKind.Object && !a.EnumerateObject().Any());
    }

    [Fact]
    public async Task LastBuild_NeverBuilt_Returns404AndJobShowsNull()
    {
        await using var f = await JenkinsFixture.StartAsync();
        f.Simulator.AddJob(new JenkinsSimJob("plain"));
        using var http = RawJenkins.Create(f.Simulator.BaseUrl);

        using var response = await http.GetAsync("job/plain/lastBuild/api/json", Ct);
        var job = await GetJsonAsync(http, "job/plain/api/json");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(JsonValueKind.Null, job.GetProperty("lastBuild").ValueKind);
        Assert.True(response.Headers.Contains("X-Jenkins"));
    }

    [Fact]
    public async Task Build_FolderJobWithSpecialCharacters_ResolvesEncodedSegments()
    {
        await using var f = await JenkinsFixture.StartAsync();
        f.Simulator.AddJob(new JenkinsSimJob("a Folder/Test #1 100%?é"));
        using var http = RawJenkins.Create(f.Simulator.BaseUrl);

        using var response = await http.PostAsync("job/a%20Folder/job/Test%20%231%20100%25%3F%C3%A9/build");
        using var unencoded = await http.PostAsync("job/a%20Folder/Test%20%231%20100%25%3F%C3%A9/build");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unencoded.StatusCode);
        Assert.Equal("/job/a%20Folder/job/Test%20%231%20100%25%3F%C3%A9/build", f.Simulator.Requests[0].RawPath);
    }

    [Fact]
    public async Task Build_ParameterizedJsonFormMerged_Returns302ToJobWithoutQueueId()
    {
        await using var f = await JenkinsFixture.StartAsync();
        f.Simulator.AddJob(new JenkinsSimJob("e2e") { Parameters = E2eParameters });
        using var http = RawJenkins.Create(f.Simulator.BaseUrl);
        const string Json = """{"parameter":[{"name":"TRIGGER_ID","value":"t1"}]}""";

        using var first = await http.PostAsync("job/e2e/build", ("json", Json));
        using var second = await http.PostAsync("job/e2e/build", ("json", Json));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        Assert.EndsWith("/job/e2e/", second.Headers.Location!.AbsoluteUri, StringComparison.Ordinal);
    }

    private static async Task<(string Crumb, string Cookie)> GetCrumbAsync(HttpClient http)
    {
        using var response = await http.GetAsync("crumbIssuer/api/json", Ct);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;
        return (body.GetProperty("crumb").GetString()!, response.Headers.GetValues("Set-Cookie").Single().Split(';')[0]);
    }

    private static async Task<JsonElement> GetJsonAsync(HttpClient http, string path)
    {
        using var response = await http.GetAsync(path, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.Clone();
    }
}
