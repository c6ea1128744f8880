using System.Net;
using AddonGrains.Simulators.Jenkins;
using AddonGrains.Upstream.Jenkins;
using Microsoft.Extensions.DependencyInjection;

namespace AddonGrains.Upstream.Tests.Jenkins;

public sealed class JenkinsClientFailureTests
{
    private static readonly Dictionary<string, string> E2eParameters = new() { ["TRIGGER_ID"] = "" };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TriggerAsync_BadToken_ThrowsAuthNamingUserNotToken()
    {
        await using var f = await JenkinsFixture.StartAsync();
        f.Simulator.AddJob(new JenkinsSimJob("plain"));
        var client = f.Clients(null, new JenkinsConnection("bad", f.Simulator.BaseUrl, JenkinsFixture.TokenUser, "11wrongwrongwrong", null)).Create("bad");

        var ex = await Assert.ThrowsAsync<JenkinsException>(() => client.TriggerAsync("plain", null, Ct));

        Assert.Equal((JenkinsFailureKind.Auth, 401), (ex.Kind, ex.StatusCode));
        Assert.Contains("authentication failed for user 'svc-bot'", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("11wrong", ex.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TriggerAsync_MissingBuildPermission_ThrowsAuthWithRequiredPermission()
    {
        await using var f = await JenkinsFixture.StartAsync();
        f.Simulator.AddJob(new JenkinsSimJob("plain"));
        f.Simulator.AddUser("reader", apiToken: "11reader", canBuild: false);
        var client = f.Clients(null, new JenkinsConnection("reader", f.Simulator.BaseUrl, "reader", "11reader", null)).Create("reader");

        var ex = await Assert.ThrowsAsync<JenkinsException>(() => client.TriggerAsync("plain", null, Ct));

        Assert.Equal((JenkinsFailureKind.Auth, 403), (ex.Kind, ex.StatusCode));
        Assert.Contains("'reader'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("hudson.model.Item.Build", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TriggerAsync_UnknownJob_ThrowsPermanentNotFound()
    {
        await using var f = await JenkinsFixture.StartAsync();

        var ex = await Assert.ThrowsAsync<JenkinsException>(() => f.TokenClient().TriggerAsync("nope", null, Ct));

        Assert.Equal((JenkinsFailureKind.Permanent, 404), (ex.Kind, ex.StatusCode));
        Assert.Contains("job 'nope' not found", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TriggerAsync_DisabledJob_ThrowsPermanentNotBuildable()
    {
        await using var f = await JenkinsFixture.StartAsync();
        f.Simulator.AddJob(new JenkinsSimJob("off") { Disabled = true });

        var ex = await Assert.ThrowsAsync<JenkinsException>(() => f.TokenClient().TriggerAsync("off", null, Ct));

        Assert.Equal((JenkinsFailureKind.Permanent, 409), (ex.Kind, ex.StatusCode));
        Assert.Contains("disabled / not buildable", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TriggerAsync_BuildOnParameterizedJob_ThrowsPermanentNeedsBuildWithParameters()
    {
        await using var f = await JenkinsFixture.StartAsync();
        f.Simulator.AddJob(new JenkinsSimJob("e2e") { Parameters = E2eParameters });

        var ex = await Assert.ThrowsAsync<JenkinsException>(() => f.TokenClient().TriggerAsync("e2e", null, Ct));

        Assert.Equal((JenkinsFailureKind.Permanent, 400), (ex.Kind, ex.StatusCode));
        Assert.Contains("needs buildWithParameters", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TriggerAsync_Persistent500_ThrowsTransientWithoutRetryingPost()
    {
        await using var f = await JenkinsFixture.StartAsync();
        f.Simulator.AddJob(new JenkinsSimJob("plain"));
        f.Simulator.InjectFault(new JenkinsSimFault { StatusCode = 500 });

        var ex = await Assert.ThrowsAsync<JenkinsException>(() => f.TokenClient().TriggerAsync("plain", null, Ct));

        Assert.Equal((JenkinsFailureKind.Transient, 500), (ex.Kind, ex.StatusCode));
        Assert.Single(f.Simulator.Requests);
    }

    [Fact]
    public async Task TriggerAsync_One503_RetriesPostAndSucceeds()
    {
        await using var f = await JenkinsFixture.StartAsync();
        f.Simulator.AddJob(new JenkinsSimJob("plain"));
        f.Simulator.InjectFault(new JenkinsSimFault { Method = "POST", StatusCode = 503, RetryAfter = TimeSpan.Zero, Count = 1 });

        var id = await f.TokenClient().TriggerAsync("plain", null, Ct);

        Assert.Equal([503, 201], f.Simulator.Requests.Select(r => r.Status));
        Assert.Equal(f.Simulator.QueueItems.Single().Id, id);
    }

    [Fact]
    public async Task TriggerAsync_SlowerThanAttemptTimeout_ThrowsTransientAndDoesNotRetryPost()
    {
        await using var f = await JenkinsFixture.StartAsync();
        f.Simulator.AddJob(new JenkinsSimJob("plain"));
        f.Simulator.InjectFault(new JenkinsSimFault { Method = "POST", Latency = TimeSpan.FromSeconds(8) });

        var ex = await Assert.ThrowsAsync<JenkinsException>(() => f.TokenClient().TriggerAsync("plain", null, Ct));
        await Wait.UntilAsync(() => f.Simulator.Requests.Count >= 1, TimeSpan.FromSeconds(10), "the POST to reach Jenkins", cancellationToken: Ct);

        Assert.Equal(JenkinsFailureKind.Transient, ex.Kind);
        Assert.Null(ex.StatusCode);
        Assert.Single(f.Simulator.Requests);
    }

    [Fact]
    public async Task GetQueueItemAsync_Transient502Then200_RetriesGet()
    {
        await using var f = await JenkinsFixture.StartAsync();
        f.Simulator.AddJob(new JenkinsSimJob("plain"));
        var client = f.TokenClient();
        var id = await client.TriggerAsync("plain", null, Ct);
        f.Simulator.InjectFault(new JenkinsSimFault { Method = "GET", StatusCode = 502, Count = 2 });

        var item = await client.GetQueueItemAsync(id, Ct);

        Assert.Equal(id, item!.Id);
        Assert.Equal([201, 502, 502, 200], f.Simulator.Requests.Select(r => r.Status));
    }

    [Fact]
    public async Task GetJobAsync_ConnectionDropped_ThrowsTransient()
    {
        await using var f = await JenkinsFixture.StartAsync();
        f.Simulator.AddJob(new JenkinsSimJob("plain"));
        f.Simulator.InjectFault(new JenkinsSimFault { DropConnection = true });

        var ex = await Assert.ThrowsAsync<JenkinsException>(() => f.TokenClient().GetJobAsync("plain", Ct));

        Assert.Equal(JenkinsFailureKind.Transient, ex.Kind);
        Assert.Equal(3, f.Simulator.Requests.Count);
    }

    [Theory]
    [InlineData("plain")] // the job's JSON
    [InlineData("ghost")] // a 404 page, read by Refit for its exception
    public async Task GetJobAsync_BodyStallsAfterTheHeaders_ThrowsTransientWithinTheTotalTimeout(string job)
    {
        await using var f = await JenkinsFixture.StartAsync();
        f.Simulator.AddJob(new JenkinsSimJob("plain"));
        f.Simulator.InjectFault(new JenkinsSimFault { StallBody = true });

        // The guard only turns a hang (a body read without any timeout) into a failure of this test.
        var ex = await Assert.ThrowsAsync<JenkinsException>(() => f.TokenClient().GetJobAsync(job, Ct).WaitAsync(TimeSpan.FromSeconds(90), Ct));

        Assert.Equal(JenkinsFailureKind.Transient, ex.Kind);
    }

    [Fact]
    public async Task GetJobAsync_UnknownJob_ThrowsPermanentNotFound()
    {
        await using var f = await JenkinsFixture.StartAsync();

        var ex = await Assert.ThrowsAsync<JenkinsException>(() => f.TokenClient().GetJobAsync("team/nope", Ct));

        Assert.Equal(JenkinsFailureKind.Permanent, ex.Kind);
        Assert.Contains("job 'team/nope' not found", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TriggerAsync_302ToJobPage_ThrowsPermanentVetoedWithoutQueueId()
    {
        await using var f = await JenkinsFixture.StartAsync();
        var stub = new StubHandler(_ => new HttpResponseMessage(HttpStatusCode.Found) { Headers = { Location = new Uri("http://jenkins.test/job/plain/") } });
        var client = f.Clients(s => s.AddHttpClient(JenkinsServiceCollectionExtensions.ServiceKey("token")).ConfigurePrimaryHttpMessageHandler(() => stub)).Create("token");

        var ex = await Assert.ThrowsAsync<JenkinsException>(() => client.TriggerAsync("plain", null, Ct));

        Assert.Equal((JenkinsFailureKind.Permanent, 302), (ex.Kind, ex.StatusCode));
        Assert.Contains("scheduling vetoed or merged without a queue id", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void JenkinsConnection_ToString_OmitsSecrets()
    {
        var connection = new JenkinsConnection("ci", new Uri("https://ci.example.com/"), "bot", "11secret-token", "secret-pw");

        Assert.DoesNotContain("secret", connection.ToString(), StringComparison.Ordinal);
    }

    private sealed class StubHandler(Func<HttpRequestMessage, HttpResponseMessage> respond) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(respond(request));
    }
}
