using System.Net;
using AddonGrains.Simulators.Jenkins;

namespace AddonGrains.Upstream.Tests.Jenkins;

/// <summary>The simulator's build and job endpoints over real HTTP: queueing, parameters, errors and paths.</summary>
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
    public async Task Build_WithPublicUrl_QueueLocationAndJobUrlsUseIt()
    {
        // The simulators' container: bound to a port of its own, reached by clients under its network name.
        var port = AddonGrains.Testing.FreePort.Next();
        var publicUrl = new Uri("http://simulators:8001/");
        await using var f = await JenkinsFixture.StartAsync(time => new JenkinsSimulatorOptions { TimeProvider = time, Port = port, PublicUrl = publicUrl });
        f.Simulator.AddJob(new JenkinsSimJob("plain"));
        using var http = RawJenkins.Create(new Uri($"http://127.0.0.1:{port}/"));

        using var response = await http.PostAsync("job/plain/build");
        var job = await http.GetJsonAsync("job/plain/api/json");

        Assert.Equal(publicUrl, f.Simulator.BaseUrl);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Matches("^http://simulators:8001/queue/item/\\d+/$", response.Headers.Location!.AbsoluteUri);
        Assert.Equal("http://simulators:8001/job/plain/", job.GetProperty("url").GetString());
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
}
