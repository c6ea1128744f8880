using System.Text.Json;
using AddonGrains.Simulators.Jenkins;

namespace AddonGrains.Upstream.Tests.Jenkins;

/// <summary>Simulator fidelity the client relies on: <c>tree</c> filtering, and builds without <c>inProgress</c>.</summary>
public sealed class JenkinsFidelityTests
{
    private static readonly Dictionary<string, string> Declared = new() { ["TRIGGER_ID"] = "", ["ENV"] = "stage" };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GetBuildAsync_OnJenkinsWithoutInProgress_DecidesFinishedFromBuilding()
    {
        await using var f = await JenkinsFixture.StartAsync(t => new JenkinsSimulatorOptions { TimeProvider = t, OmitInProgress = true });
        f.Simulator.AddJob(new JenkinsSimJob("old") { Parameters = Declared, BuildDuration = TimeSpan.FromSeconds(10) });
        var client = f.TokenClient();
        await client.TriggerAsync("old", new Dictionary<string, string> { ["TRIGGER_ID"] = "t1", ["delay"] = "0" }, Ct);
        using var http = RawJenkins.Create(f.Simulator.BaseUrl);

        f.Time.Advance(TimeSpan.FromSeconds(5));
        var running = await client.GetBuildAsync("old", 1, Ct);
        using var raw = JsonDocument.Parse(await http.GetStringAsync(new Uri("job/old/1/api/json", UriKind.Relative), Ct));
        f.Time.Advance(TimeSpan.FromSeconds(6));
        var done = await client.GetBuildAsync("old", 1, Ct);

        Assert.False(raw.RootElement.TryGetProperty("inProgress", out _));
        Assert.True(raw.RootElement.GetProperty("building").GetBoolean());
        Assert.True(running!.InProgress);
        Assert.False(done!.InProgress);
        Assert.Equal("SUCCESS", done.Result);
    }

    [Fact]
    public async Task JobApi_WithTree_ReturnsOnlyTheNamedFieldsAndRange()
    {
        await using var f = await JenkinsFixture.StartAsync(t => new JenkinsSimulatorOptions { TimeProvider = t });
        f.Simulator.AddJob(new JenkinsSimJob("tree") { Parameters = Declared, BuildDuration = TimeSpan.FromSeconds(1) });
        var client = f.TokenClient();
        for (var i = 0; i < 3; i++)
        {
            await client.TriggerAsync("tree", new Dictionary<string, string> { ["TRIGGER_ID"] = $"t{i}", ["delay"] = "0" }, Ct);
            f.Time.Advance(TimeSpan.FromSeconds(2));
        }
        using var http = RawJenkins.Create(f.Simulator.BaseUrl);

        var tree = Uri.EscapeDataString("buildable,property[parameterDefinitions[name]],builds[number,result]{1,3}");
        using var job = JsonDocument.Parse(await http.GetStringAsync(new Uri($"job/tree/api/json?tree={tree}", UriKind.Relative), Ct));

        var root = job.RootElement;
        Assert.Equal(["_class", "buildable", "builds", "property"], root.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal([2, 1], root.GetProperty("builds").EnumerateArray().Select(b => b.GetProperty("number").GetInt32()));
        Assert.All(root.GetProperty("builds").EnumerateArray(), b => Assert.Equal(["_class", "number", "result"], b.EnumerateObject().Select(p => p.Name)));
        var definitions = root.GetProperty("property").EnumerateArray().Single(p => p.TryGetProperty("parameterDefinitions", out _)).GetProperty("parameterDefinitions");
        Assert.Equal(["TRIGGER_ID", "ENV"], definitions.EnumerateArray().Select(d => d.GetProperty("name").GetString()));
        Assert.All(definitions.EnumerateArray(), d => Assert.Equal(["_class", "name"], d.EnumerateObject().Select(p => p.Name)));
    }
}
