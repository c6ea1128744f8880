using AddonGrains.Simulators.Jenkins;
using AddonGrains.Upstream.Jenkins;

namespace AddonGrains.Upstream.Tests.Jenkins;

public sealed class JenkinsClientTests
{
    private static readonly Dictionary<string, string> E2eParameters = new() { ["ADDON_VERSION"] = "1.0", ["TRIGGER_ID"] = "" };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TriggerAsync_PlainJob_ReturnsQueueIdFromLocationWithoutFollowing()
    {
        await using var f = await JenkinsFixture.StartAsync();
        f.Simulator.AddJob(new JenkinsSimJob("plain"));

        var id = await f.TokenClient().TriggerAsync("plain", null, Ct);

        Assert.Equal(f.Simulator.QueueItems.Single().Id, id);
        Assert.DoesNotContain(f.Simulator.Requests, r => r.RawPath.StartsWith("/queue/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TriggerAsync_MergedParameterized303_ReturnsSameQueueId()
    {
        await using var f = await JenkinsFixture.StartAsync();
        f.Simulator.AddJob(new JenkinsSimJob("e2e") { Parameters = E2eParameters });
        var client = f.TokenClient();

        var first = await client.TriggerAsync("e2e", new Dictionary<string, string> { ["TRIGGER_ID"] = "t1" }, Ct);
        var second = await client.TriggerAsync("e2e", new Dictionary<string, string> { ["TRIGGER_ID"] = "t1" }, Ct);

        Assert.Equal(first, second);
        Assert.Equal([201, 303], f.Simulator.Requests.Select(r => r.Status));
        Assert.Equal("t1", f.Simulator.Requests[0].Form["TRIGGER_ID"]);
    }

    [Fact]
    public async Task TriggerAsync_ApiToken_SendsNoCrumbRequest()
    {
        await using var f = await JenkinsFixture.StartAsync();
        f.Simulator.AddJob(new JenkinsSimJob("plain"));

        await f.TokenClient().TriggerAsync("plain", null, Ct);

        Assert.Equal(["/job/plain/build"], f.Simulator.Requests.Select(r => r.RawPath));
    }

    [Fact]
    public async Task TriggerAsync_Password_FetchesCrumbAndSendsItWithSessionCookie()
    {
        await using var f = await JenkinsFixture.StartAsync();
        f.Simulator.AddJob(new JenkinsSimJob("e2e") { Parameters = E2eParameters });

        var id = await f.Clients().Create("password").TriggerAsync("e2e", new Dictionary<string, string> { ["TRIGGER_ID"] = "t1" }, Ct);

        Assert.Equal(f.Simulator.QueueItems.Single().Id, id);
        Assert.Equal(["/crumbIssuer/api/json", "/job/e2e/buildWithParameters"], f.Simulator.Requests.Select(r => r.RawPath));
        Assert.All(f.Simulator.Requests, r => Assert.Equal(JenkinsFixture.PasswordUser, r.User));
    }

    [Fact]
    public async Task TriggerAsync_PasswordAndCsrfDisabled_CrumbIssuer404MeansNoCrumb()
    {
        await using var f = await JenkinsFixture.StartAsync(t => new JenkinsSimulatorOptions { TimeProvider = t, CsrfEnabled = false });
        f.Simulator.AddJob(new JenkinsSimJob("plain"));

        await f.Clients().Create("password").TriggerAsync("plain", null, Ct);

        Assert.Equal([404, 201], f.Simulator.Requests.Select(r => r.Status));
    }

    [Fact]
    public async Task TriggerAsync_FolderJobWithSpecialCharacters_SendsEachSegmentEncodedOnce()
    {
        await using var f = await JenkinsFixture.StartAsync();
        f.Simulator.AddJob(new JenkinsSimJob("a Folder/Test #1 100%?é"));

        await f.TokenClient().TriggerAsync("a Folder/Test #1 100%?é", null, Ct);

        Assert.Equal("/job/a%20Folder/job/Test%20%231%20100%25%3F%C3%A9/build", f.Simulator.Requests.Single().RawPath);
    }

    [Fact]
    public async Task GetJobAsync_ParameterizedFolderJob_ReturnsDeclaredParameterNames()
    {
        await using var f = await JenkinsFixture.StartAsync();
        f.Simulator.AddJob(new JenkinsSimJob("team/e2e") { Parameters = E2eParameters });

        var job = await f.TokenClient().GetJobAsync("team/e2e", Ct);

        Assert.True(job.Buildable);
        Assert.Equal(["ADDON_VERSION", "TRIGGER_ID"], job.ParameterNames);
        Assert.Equal("/job/team/job/e2e/api/json", f.Simulator.Requests.Single().RawPath);
    }

    [Fact]
    public async Task GetQueueItemAsync_Lifecycle_QueuedThenStartedThenNullAfterRetention()
    {
        await using var f = await JenkinsFixture.StartAsync();
        f.Simulator.AddJob(new JenkinsSimJob("plain"));
        var client = f.TokenClient();
        var id = await client.TriggerAsync("plain", null, Ct);

        var waiting = await client.GetQueueItemAsync(id, Ct);
        f.Time.Advance(TimeSpan.FromSeconds(5));
        var started = await client.GetQueueItemAsync(id, Ct);
        f.Time.Advance(TimeSpan.FromMinutes(5));
        var expired = await client.GetQueueItemAsync(id, Ct);

        Assert.Equal(JenkinsQueueItemState.Queued, waiting!.State);
        Assert.Null(waiting.BuildNumber);
        Assert.Equal(JenkinsQueueItemState.Started, started!.State);
        Assert.Equal(1, started.BuildNumber);
        Assert.Null(expired);
    }

    [Fact]
    public async Task GetQueueItemAsync_Cancelled_ReturnsCancelledWithoutBuild()
    {
        await using var f = await JenkinsFixture.StartAsync();
        f.Simulator.AddJob(new JenkinsSimJob("plain"));
        var client = f.TokenClient();
        var id = await client.TriggerAsync("plain", null, Ct);
        f.Simulator.CancelQueueItem(id);

        var item = await client.GetQueueItemAsync(id, Ct);

        Assert.Equal(JenkinsQueueItemState.Cancelled, item!.State);
        Assert.Null(item.BuildNumber);
    }

    [Fact]
    public async Task GetBuildAsync_ResultSetWhileBuilding_StillInProgress()
    {
        await using var f = await JenkinsFixture.StartAsync(t => new JenkinsSimulatorOptions
        {
            TimeProvider = t, ResultLead = TimeSpan.FromSeconds(2), PostProduction = TimeSpan.FromSeconds(1),
        });
        f.Simulator.AddJob(new JenkinsSimJob("e2e") { Parameters = E2eParameters, BuildDuration = TimeSpan.FromSeconds(10), Result = "FAILURE" });
        var client = f.TokenClient();
        await client.TriggerAsync("e2e", new Dictionary<string, string> { ["TRIGGER_ID"] = "t1", ["delay"] = "0" }, Ct);

        f.Time.Advance(TimeSpan.FromSeconds(9));
        var early = await client.GetBuildAsync("e2e", 1, Ct);
        f.Time.Advance(TimeSpan.FromSeconds(1.5));
        var postProduction = await client.GetBuildAsync("e2e", 1, Ct);
        f.Time.Advance(TimeSpan.FromSeconds(1));
        var done = await client.GetBuildAsync("e2e", 1, Ct);
        var missing = await client.GetBuildAsync("e2e", 2, Ct);

        Assert.Equal("FAILURE", early!.Result);
        Assert.True(early.InProgress);
        Assert.True(postProduction!.InProgress);
        Assert.False(done!.InProgress);
        Assert.Equal("t1", done.Parameters["TRIGGER_ID"]);
        Assert.Null(missing);
    }

    [Fact]
    public async Task FindTriggerAsync_QueuedItem_FoundByTriggerId()
    {
        await using var f = await JenkinsFixture.StartAsync();
        f.Simulator.AddJob(new JenkinsSimJob("e2e") { Parameters = E2eParameters });
        f.Simulator.AddJob(new JenkinsSimJob("other") { Parameters = E2eParameters });
        var client = f.TokenClient();
        await client.TriggerAsync("other", new Dictionary<string, string> { ["TRIGGER_ID"] = "t1" }, Ct);
        var id = await client.TriggerAsync("e2e", new Dictionary<string, string> { ["TRIGGER_ID"] = "t1" }, Ct);

        var match = await client.FindTriggerAsync("e2e", "t1", null, Ct);

        Assert.Equal(id, match!.QueueItem!.Id);
        Assert.Null(match.Build);
    }

    [Fact]
    public async Task FindTriggerAsync_StartedBuild_FoundByTriggerId()
    {
        await using var f = await JenkinsFixture.StartAsync();
        f.Simulator.AddJob(new JenkinsSimJob("e2e") { Parameters = E2eParameters });
        var client = f.TokenClient();
        await client.TriggerAsync("e2e", new Dictionary<string, string> { ["TRIGGER_ID"] = "t0" }, Ct);
        var id = await client.TriggerAsync("e2e", new Dictionary<string, string> { ["TRIGGER_ID"] = "t1" }, Ct);
        f.Time.Advance(TimeSpan.FromSeconds(5));

        var match = await client.FindTriggerAsync("e2e", "t1", null, Ct);
        var none = await client.FindTriggerAsync("e2e", "t9", null, Ct);

        Assert.Equal(2, match!.Build!.Number);
        Assert.Equal(id, match.Build.QueueId);
        Assert.Null(none);
    }

    [Fact]
    public async Task FindTriggerAsync_AfterDroppedTriggerResponse_FindsTheQueuedItem()
    {
        await using var f = await JenkinsFixture.StartAsync();
        f.Simulator.AddJob(new JenkinsSimJob("e2e") { Parameters = E2eParameters });
        f.Simulator.InjectFault(new JenkinsSimFault { PathContains = "/buildWithParameters", DropConnection = true, AfterProcessing = true, Count = 1 });
        var client = f.TokenClient();

        var failure = await Assert.ThrowsAsync<JenkinsException>(() =>
            client.TriggerAsync("e2e", new Dictionary<string, string> { ["TRIGGER_ID"] = "t1" }, Ct));
        var match = await client.FindTriggerAsync("e2e", "t1", null, Ct);

        Assert.Equal(JenkinsFailureKind.Transient, failure.Kind);
        Assert.Single(f.Simulator.Requests, r => r.Method == "POST");
        Assert.Equal(f.Simulator.QueueItems.Single().Id, match!.QueueItem!.Id);
    }
}
