using AddonGrains.IntegrationTests.Processes;

namespace AddonGrains.IntegrationTests.Operations;

/// <summary>deploy/prometheus/alerts.yaml: valid rules, its unit tests pass, and promtool does catch broken input.</summary>
public sealed class AlertRulesTests : IDisposable
{
    private static readonly string Dir = Path.Combine(RepoPaths.Root, "deploy", "prometheus");
    private readonly string _scratch = Directory.CreateTempSubdirectory("addongrains-alerts-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AlertRules_PassPromtoolCheck()
    {
        var (exitCode, output) = await Promtool.RunAsync(["check", "rules", Path.Combine(Dir, "alerts.yaml")], Ct);

        Assert.True(exitCode == 0, output);
        Assert.Contains("SUCCESS: 4 rules found", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AlertRules_PassTheirUnitTests()
    {
        var (exitCode, output) = await Promtool.RunAsync(["test", "rules", Path.Combine(Dir, "alerts.test.yaml")], Ct);

        Assert.True(exitCode == 0, output);
        Assert.Contains("SUCCESS", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BrokenExpression_FailsPromtoolCheck()
    {
        var broken = Path.Combine(_scratch, "alerts.yaml");
        await File.WriteAllTextAsync(broken, (await File.ReadAllTextAsync(Path.Combine(Dir, "alerts.yaml"), Ct))
            .Replace("max by (organization, addon) (addongrains_rollout_stalled)", "max by (organization, addon (addongrains_rollout_stalled)", StringComparison.Ordinal), Ct);

        var (exitCode, output) = await Promtool.RunAsync(["check", "rules", broken], Ct);

        Assert.NotEqual(0, exitCode);
        Assert.Contains("FAILED", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RuleThatNeverFires_FailsTheUnitTests()
    {
        // The stalled rollout alert with an impossible condition: the unit test expecting it to fire must fail.
        await File.WriteAllTextAsync(Path.Combine(_scratch, "alerts.yaml"), (await File.ReadAllTextAsync(Path.Combine(Dir, "alerts.yaml"), Ct))
            .Replace("(addongrains_rollout_stalled) == 1", "(addongrains_rollout_stalled) == 2", StringComparison.Ordinal), Ct);
        File.Copy(Path.Combine(Dir, "alerts.test.yaml"), Path.Combine(_scratch, "alerts.test.yaml"));

        var (exitCode, output) = await Promtool.RunAsync(["test", "rules", Path.Combine(_scratch, "alerts.test.yaml")], Ct);

        Assert.NotEqual(0, exitCode);
        Assert.Contains("alertname: AddonRolloutStalled", output, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_scratch, recursive: true);
}
