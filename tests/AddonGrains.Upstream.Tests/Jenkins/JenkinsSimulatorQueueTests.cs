using System.Net;
using System.Text.Json;
using AddonGrains.Simulators.Jenkins;

namespace AddonGrains.Upstream.Tests.Jenkins;

/// <summary>The simulator's quiet periods, queue items and build lifecycle over time.</summary>
public sealed class JenkinsSimulatorQueueTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

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

        var waiting = await RawJenkins.GetJsonAsync(http, $"queue/item/{id}/api/json");
        f.Time.Advance(TimeSpan.FromSeconds(5));
        var left = await RawJenkins.GetJsonAsync(http, $"queue/item/{id}/api/json");
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
        var item = await RawJenkins.GetJsonAsync(http, $"queue/item/{id}/api/json");

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

        var running = await RawJenkins.GetJsonAsync(http, "job/plain/1/api/json");
        f.Time.Advance(TimeSpan.FromSeconds(9.5));
        var finishing = await RawJenkins.GetJsonAsync(http, "job/plain/1/api/json");
        f.Time.Advance(TimeSpan.FromSeconds(1));
        var done = await RawJenkins.GetJsonAsync(http, "job/plain/lastBuild/api/json");

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
        var job = await RawJenkins.GetJsonAsync(http, "job/plain/api/json");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(JsonValueKind.Null, job.GetProperty("lastBuild").ValueKind);
        Assert.True(response.Headers.Contains("X-Jenkins"));
    }
}
