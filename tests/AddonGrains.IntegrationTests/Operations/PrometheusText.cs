using System.Globalization;
using System.Text.RegularExpressions;

namespace AddonGrains.IntegrationTests.Operations;

/// <summary>
/// A silo's <c>/metrics</c> (Prometheus text format) as samples, and what a Prometheus scrape makes of them: the target
/// labels (<c>job</c>, <c>instance</c>, and <c>namespace</c> with Kubernetes discovery) are set on every series; without
/// <c>honor_labels</c> a sample's own label of the same name is kept as <c>exported_&lt;name&gt;</c>.
/// </summary>
internal static partial class PrometheusText
{
    /// <summary>Every line is a comment, blank, or <c>name{labels} value [timestamp]</c>.</summary>
    public static List<Sample> Parse(string text)
    {
        var samples = new List<Sample>();
        foreach (var line in text.Split('\n'))
        {
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var match = SampleLine().Match(line);
            Assert.True(match.Success, $"not a Prometheus sample line: {line}");
            var value = match.Groups["value"].Value switch
            {
                "+Inf" => double.PositiveInfinity,
                "-Inf" => double.NegativeInfinity,
                var v => double.Parse(v, NumberStyles.Float, CultureInfo.InvariantCulture),
            };
            var labels = match.Groups["labels"].Value;
            samples.Add(new Sample(match.Groups["name"].Value, labels, [.. Label().Matches(labels).Select(m => new KeyValuePair<string, string>(m.Groups["k"].Value, m.Groups["v"].Value))], value));
        }

        Assert.NotEmpty(samples);
        return samples;
    }

    /// <summary>The sample's labels as Prometheus stores them after scraping it from a target with <paramref name="targetLabels"/>.</summary>
    public static List<KeyValuePair<string, string>> AsScraped(Sample sample, IReadOnlyDictionary<string, string> targetLabels) =>
    [
        .. sample.LabelPairs.Select(l => targetLabels.ContainsKey(l.Key) ? new KeyValuePair<string, string>("exported_" + l.Key, l.Value) : l),
        .. targetLabels,
    ];

    /// <summary>A PromQL series selector (label values keep their exposition escaping, which PromQL strings share).</summary>
    public static string Selector(string name, IEnumerable<KeyValuePair<string, string>> labels) =>
        $"{name}{{{string.Join(",", labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}=\"{l.Value}\""))}}}";

    /// <summary>Label names of a PromQL series selector such as <c>metric{a="1",b="2"}</c>.</summary>
    public static (string Name, HashSet<string> Labels) ParseSelector(string selector)
    {
        var brace = selector.IndexOf('{', StringComparison.Ordinal);
        return brace < 0
            ? (selector, [])
            : (selector[..brace], Label().Matches(selector[brace..]).Select(m => m.Groups["k"].Value).ToHashSet(StringComparer.Ordinal));
    }

    [GeneratedRegex("""^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>([a-zA-Z_][a-zA-Z0-9_]*="([^"\\]|\\.)*",?)*)\})? (?<value>\S+)( -?\d+)?$""")]
    private static partial Regex SampleLine();

    [GeneratedRegex(@"(?<k>[a-zA-Z_][a-zA-Z0-9_]*)=""(?<v>([^""\\]|\\.)*)""")]
    private static partial Regex Label();
}

/// <summary>One sample line: metric name, label text as exposed (<c>a="1",b="2"</c>), the labels, the value.</summary>
internal sealed record Sample(string Name, string Labels, IReadOnlyList<KeyValuePair<string, string>> LabelPairs, double Value);
