using AddonGrains.IntegrationTests.Processes;

namespace AddonGrains.IntegrationTests.Operations;

/// <summary>deploy/prometheus/alerts.yaml: valid rules, its unit tests pass, and promtool does catch broken input.</summary>
public sealed class AlertRulesTests : IDisposable
{
    private static readonly string[] Severities = ["critical", "warning"];
    private static readonly string[] RunbookParts = ["**What it means.**", "**How to look.**", "**How to fix.**"];
    private static readonly string Dir = Path.Combine(RepoPaths.Root, "deploy", "prometheus");
    private readonly string _scratch = Directory.CreateTempSubdirectory("addongrains-alerts-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AlertRules_PassPromtoolCheck()
    {
        var (exitCode, output) = await Promtool.RunAsync(["check", "rules", Path.Combine(Dir, "alerts.yaml")], Ct);

        Assert.True(exitCode == 0, output);
        Assert.Contains("SUCCESS: 10 rules found", output, StringComparison.Ordinal);
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
            .Replace("max by (namespace, organization, addon) (addongrains_rollout_stalled)", "max by (namespace, organization, addon (addongrains_rollout_stalled)", StringComparison.Ordinal), Ct);

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

    [Fact]
    public void EveryAlert_HasForSeveritySummaryDescriptionAndARunbookSection()
    {
        var rules = Rules();
        var runbooks = File.ReadAllLines(Path.Combine(RepoPaths.Root, "docs", "runbooks.md"));
        var sections = runbooks.Where(l => l.StartsWith("## ", StringComparison.Ordinal)).Select(l => l[3..].Trim()).ToList();

        Assert.Equal(10, rules.Count);
        Assert.All(rules, rule =>
        {
            var name = (string)rule["alert"];
            var annotations = (Dictionary<object, object>)rule["annotations"];
            Assert.True(rule.ContainsKey("for"), $"{name} has no for:");
            Assert.Contains((string)((Dictionary<object, object>)rule["labels"])["severity"], Severities);
            Assert.False(string.IsNullOrWhiteSpace(annotations.GetValueOrDefault("summary") as string), $"{name} has no summary");
            Assert.False(string.IsNullOrWhiteSpace(annotations.GetValueOrDefault("description") as string), $"{name} has no description");
            Assert.Equal($"docs/runbooks.md#{name.ToLowerInvariant()}", annotations.GetValueOrDefault("runbook_url"));
            var section = string.Join("\n", runbooks.SkipWhile(l => l != $"## {name}").Skip(1).TakeWhile(l => !l.StartsWith("## ", StringComparison.Ordinal)));
            Assert.All(RunbookParts, part => Assert.Contains(part, section, StringComparison.Ordinal));
        });
        Assert.Equal(rules.Select(r => (string)r["alert"]).Order(StringComparer.Ordinal), sections.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void UnitTests_CoverEveryAlert_FiringAndNotFiring()
    {
        var checks = ComposeFile.List(ComposeFile.LoadYaml("deploy/prometheus/alerts.test.yaml"), "tests").Cast<Dictionary<object, object>>()
            .SelectMany(t => ComposeFile.List(t, "alert_rule_test").Cast<Dictionary<object, object>>())
            .Select(c => ((string)c["alertname"], Fires: ComposeFile.List(c, "exp_alerts").Count > 0)).ToHashSet();

        Assert.All(Rules().Select(r => (string)r["alert"]), name =>
        {
            Assert.True(checks.Contains((name, true)), $"no unit test where {name} fires");
            Assert.True(checks.Contains((name, false)), $"no unit test where {name} stays quiet");
        });
    }

    private static List<Dictionary<object, object>> Rules() =>
        [.. ComposeFile.List(ComposeFile.List(ComposeFile.LoadYaml("deploy/prometheus/alerts.yaml"), "groups").Cast<Dictionary<object, object>>().Single(), "rules")
            .Cast<Dictionary<object, object>>()];

    public void Dispose() => Directory.Delete(_scratch, recursive: true);
}
