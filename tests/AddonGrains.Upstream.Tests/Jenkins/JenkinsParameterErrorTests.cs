using AddonGrains.Simulators.Jenkins;
using AddonGrains.Upstream.Jenkins;

namespace AddonGrains.Upstream.Tests.Jenkins;

/// <summary>A 500 that names a parameter-validation error fails at once; any other 500 stays retryable.</summary>
public sealed class JenkinsParameterErrorTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TriggerAsync_WithValueNotAmongChoices_ThrowsPermanentNamingTheParameter()
    {
        await using var f = await JenkinsFixture.StartAsync();
        f.Simulator.AddJob(new JenkinsSimJob("choosy")
        {
            Parameters = new Dictionary<string, string> { ["ENV"] = "stage", ["ADDON_VERSION"] = "" },
            Choices = new Dictionary<string, IReadOnlyList<string>> { ["ENV"] = ["stage", "production"] },
        });

        var ex = await Assert.ThrowsAsync<JenkinsException>(() => f.TokenClient().TriggerAsync(
            "choosy", new Dictionary<string, string> { ["ENV"] = "integration", ["ADDON_VERSION"] = "1.2.3" }, Ct));

        Assert.Equal((JenkinsFailureKind.Permanent, 500), (ex.Kind, ex.StatusCode));
        Assert.Contains("Illegal choice for parameter ENV: integration", ex.Message, StringComparison.Ordinal);
        Assert.Empty(f.Simulator.QueueItems);
    }

    [Fact]
    public async Task TriggerAsync_WithValueAmongChoices_Queues()
    {
        await using var f = await JenkinsFixture.StartAsync();
        f.Simulator.AddJob(new JenkinsSimJob("choosy")
        {
            Parameters = new Dictionary<string, string> { ["ENV"] = "stage" },
            Choices = new Dictionary<string, IReadOnlyList<string>> { ["ENV"] = ["stage", "production"] },
        });

        var id = await f.TokenClient().TriggerAsync("choosy", new Dictionary<string, string> { ["ENV"] = "production" }, Ct);

        Assert.Equal(id, Assert.Single(f.Simulator.QueueItems).Id);
    }

    [Fact]
    public async Task TriggerAsync_OnOther500_ThrowsTransient()
    {
        await using var f = await JenkinsFixture.StartAsync();
        f.Simulator.AddJob(new JenkinsSimJob("flaky") { Parameters = new Dictionary<string, string> { ["ENV"] = "stage" } });
        f.Simulator.InjectFault(new JenkinsSimFault { Method = "POST", StatusCode = 500, Count = 1 });

        var ex = await Assert.ThrowsAsync<JenkinsException>(() => f.TokenClient().TriggerAsync("flaky", new Dictionary<string, string> { ["ENV"] = "x" }, Ct));

        Assert.Equal((JenkinsFailureKind.Transient, 500), (ex.Kind, ex.StatusCode));
    }

    [Theory]
    [InlineData("<p>Oops! A problem occurred: IllegalArgumentException: Illegal choice for parameter ENV: a&#39;b</p>", "Illegal choice for parameter ENV: a'b")]
    [InlineData("<p>IllegalArgumentException: Illegal number of parameter values</p>", "Illegal number of parameter values")]
    [InlineData("<h2>Oops!</h2><p>A problem occurred while processing the request. Logging ID=4f2c</p>", null)]
    [InlineData("", null)]
    public void ParameterValidationError_ReadsOnlyParameterErrors(string body, string? expected)
    {
        Assert.Equal(expected, JenkinsErrors.ParameterValidationError(body));
    }
}
