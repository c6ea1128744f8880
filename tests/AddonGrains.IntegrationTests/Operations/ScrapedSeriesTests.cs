using System.Text.RegularExpressions;
using AddonGrains.IntegrationTests.Processes;
using YamlDotNet.Serialization;
using static AddonGrains.IntegrationTests.Operations.ComposeFile;

namespace AddonGrains.IntegrationTests.Operations;

/// <summary>
/// The alert rules against what Prometheus really stores for a silo: its <c>/metrics</c> after the scripted rollout,
/// with the target labels of a Kubernetes scrape applied as a scrape without <c>honor_labels</c> does. A metric label
/// that collides with a target label (the Jenkins job once was <c>job</c>) becomes <c>exported_…</c> and fails here.
/// </summary>
[Collection(ScriptedRolloutGroup.Name)]
public sealed partial class ScrapedSeriesTests(ScriptedRolloutFixture fixture) : IDisposable
{
    /// <summary>Labels Prometheus sets on every series of a target (job, instance) and Kubernetes discovery adds.</summary>
    private static readonly Dictionary<string, string> Target = new(StringComparer.Ordinal)
    {
        ["job"] = "addongrains", ["instance"] = "10.128.0.11:8080", ["namespace"] = "addongrains-ops",
    };

    /// <summary>Metrics the scripted rollout cannot produce (no failed state write), with the label names the code gives them.</summary>
    private static readonly Dictionary<string, string[]> NotInTheScrape = new(StringComparer.Ordinal)
    {
        ["addongrains_state_write_failures_total"] = ["grain"],
    };

    private static readonly string AlertsDir = Path.Combine(RepoPaths.Root, "deploy", "prometheus");
    private readonly string _scratch = Directory.CreateTempSubdirectory("addongrains-scraped-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Metrics_UseNoLabelNamePrometheusReserves()
    {
        var samples = await ScrapeAsync();

        var reserved = samples.SelectMany(s => s.LabelPairs.Select(l => (s.Name, l.Key)))
            .Where(l => l.Key is "job" or "instance" || l.Key.StartsWith("__", StringComparison.Ordinal)).Distinct().ToList();

        Assert.True(reserved.Count == 0, "labels Prometheus owns: " + string.Join(", ", reserved.Select(r => $"{r.Name}{{{r.Key}}}")));
        Assert.Contains(samples, s => s.Name == "addongrains_triggers_total" && s.LabelPairs.Any(l => l.Key == "jenkins_job") && s.LabelPairs.Any(l => l.Key == "jenkins_instance"));
    }

    [Fact]
    public async Task AlertTestSeries_HaveTheLabelNamesOfAScrapedSilo()
    {
        var samples = await ScrapeAsync();
        var scraped = samples.GroupBy(s => s.Name).ToDictionary(g => g.Key, g => g.Select(s => Names(PrometheusText.AsScraped(s, Target))).ToList());
        var tests = LoadYaml("deploy/prometheus/alerts.test.yaml");
        var series = List(tests, "tests").Cast<Dictionary<object, object>>().SelectMany(t => List(t, "input_series").Cast<Dictionary<object, object>>())
            .Select(s => PrometheusText.ParseSelector((string)s["series"])).Where(s => !s.Name.StartsWith("kube_", StringComparison.Ordinal)).ToList();

        Assert.NotEmpty(series);
        Assert.All(series, s =>
        {
            var expected = scraped.TryGetValue(s.Name, out var shapes) ? shapes
                : NotInTheScrape.TryGetValue(s.Name, out var own) ? [[.. own, .. Target.Keys]]
                : throw new Xunit.Sdk.XunitException($"{s.Name} (alerts.test.yaml) is not in a silo's /metrics");
            Assert.True(expected.Any(e => e.SetEquals(s.Labels)),
                $"{s.Name}{{{string.Join(",", s.Labels.Order(StringComparer.Ordinal))}}} in alerts.test.yaml is not shaped like a scraped series: "
                + string.Join(" | ", expected.Select(e => string.Join(",", e.Order(StringComparer.Ordinal)))));
        });
    }

    [Fact]
    public async Task AlertRules_OnSeriesGeneratedFromTheScrape_NameTheJenkinsJobThatFailed()
    {
        var samples = await ScrapeAsync(s => s.Name == "addongrains_trigger_latest_age_seconds" && s.Labels.Contains("status=\"DeliveryFailed\"", StringComparison.Ordinal));
        var failed = samples.Single(s => s.Name == "addongrains_trigger_latest_age_seconds" && s.Labels.Contains("status=\"DeliveryFailed\"", StringComparison.Ordinal));
        var labels = PrometheusText.AsScraped(failed, Target).ToDictionary(l => l.Key, l => Unescape(l.Value), StringComparer.Ordinal);
        var alert = labels.Where(l => l.Key is "namespace" or "organization" or "addon" or "jenkins_instance" or "jenkins_job")
            .Append(new("severity", "critical")).ToDictionary(l => l.Key, l => l.Value, StringComparer.Ordinal);
        var series = samples.Where(s => s.Name.StartsWith("addongrains_", StringComparison.Ordinal))
            .Select(s => new Dictionary<string, string>
            {
                ["series"] = PrometheusText.Selector(s.Name, PrometheusText.AsScraped(s, Target)),
                ["values"] = $"{s.Value.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}x10",
            }).ToList();
        var test = new Dictionary<string, object>
        {
            ["rule_files"] = new[] { "alerts.yaml" },
            ["evaluation_interval"] = "1m",
            ["tests"] = new[]
            {
                new Dictionary<string, object>
                {
                    ["interval"] = "1m",
                    ["input_series"] = series,
                    ["alert_rule_test"] = new object[]
                    {
                        Expect("AddonTriggerDeliveryFailed", new Dictionary<string, object> { ["exp_labels"] = alert, ["exp_annotations"] = Annotations("AddonTriggerDeliveryFailed", alert) }),
                        Expect("AddonGrainsNoActiveSilo"),
                        Expect("AddonGrainsConfigReloadFailing"),
                        Expect("AddonRolloutStalled"),
                        Expect("AddonTriggerStuck"),
                    },
                },
            },
        };
        File.Copy(Path.Combine(AlertsDir, "alerts.yaml"), Path.Combine(_scratch, "alerts.yaml"));
        var file = Path.Combine(_scratch, "scraped.test.yaml");
        await File.WriteAllTextAsync(file, new SerializerBuilder().Build().Serialize(test), Ct);

        var (exitCode, output) = await Promtool.RunAsync(["test", "rules", file], Ct);

        Assert.Equal(ScriptedRolloutFixture.MissingJob, alert.GetValueOrDefault("jenkins_job"));
        Assert.True(exitCode == 0, $"{output}\n{await File.ReadAllTextAsync(file, Ct)}");
    }

    public void Dispose() => Directory.Delete(_scratch, recursive: true);

    private static Dictionary<string, object> Expect(string alertName, params Dictionary<string, object>[] alerts) =>
        new() { ["eval_time"] = "5m", ["alertname"] = alertName, ["exp_alerts"] = alerts };

    /// <summary>The rule's annotations with <c>{{ $labels.x }}</c> filled in (the only template these use).</summary>
    private static Dictionary<string, string> Annotations(string alertName, Dictionary<string, string> labels)
    {
        var rule = List(List(LoadYaml("deploy/prometheus/alerts.yaml"), "groups").Cast<Dictionary<object, object>>().Single(), "rules")
            .Cast<Dictionary<object, object>>().Single(r => (string?)r.GetValueOrDefault("alert") == alertName);
        return ((Dictionary<object, object>)rule["annotations"]).ToDictionary(a => (string)a.Key,
            a => LabelTemplate().Replace((string)a.Value, m => labels[m.Groups["name"].Value]));
    }

    /// <summary>Label names, without <c>otel_scope_name</c> (the exporter's meter name, which no rule reads).</summary>
    private static HashSet<string> Names(IEnumerable<KeyValuePair<string, string>> labels) =>
        labels.Select(l => l.Key).Where(k => k != "otel_scope_name").ToHashSet(StringComparer.Ordinal);

    private static string Unescape(string value) => value.Replace("\\\"", "\"", StringComparison.Ordinal).Replace("\\n", "\n", StringComparison.Ordinal).Replace("\\\\", "\\", StringComparison.Ordinal);

    /// <summary>The silo's samples once <paramref name="ready"/> holds for one of them.</summary>
    private async Task<List<Sample>> ScrapeAsync(Func<Sample, bool>? ready = null) =>
        await Wait.UntilAsync(async () => PrometheusText.Parse(await fixture.Http.GetStringAsync(new Uri(fixture.Silo.HttpUrl, "metrics"), Ct)),
            samples => ready is null || samples.Any(ready), TimeSpan.FromSeconds(60), "the silo's /metrics", cancellationToken: Ct);

    [GeneratedRegex(@"\{\{ \$labels\.(?<name>[a-z_]+) \}\}")]
    private static partial Regex LabelTemplate();
}
