using System.Text.RegularExpressions;
using AddonGrains.IntegrationTests.Processes;
using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace AddonGrains.IntegrationTests.Operations;

/// <summary>docker-compose.yml as plain maps and lists (merge keys <c>&lt;&lt;</c> resolved), with a few typed views.</summary>
internal sealed partial class ComposeFile
{
    public const string SiloImage = "${IMAGE:-localhost/addongrains:dev}";

    /// <summary>The demo's image (src/Demo: the silo with the simulators in its process), never the silo image.</summary>
    public const string DemoImage = "${DEMO_IMAGE:-localhost/addongrains-demo:dev}";

    private ComposeFile(Dictionary<object, object> root) => Root = root;

    public Dictionary<object, object> Root { get; }

    public IReadOnlyDictionary<string, Dictionary<object, object>> Services =>
        Map(Root, "services").ToDictionary(s => (string)s.Key, s => (Dictionary<object, object>)s.Value);

    /// <summary>Services that run a silo: the silo image (silos, migrate) or the demo's (demo).</summary>
    public IEnumerable<KeyValuePair<string, Dictionary<object, object>>> SiloServices =>
        Services.Where(s => Str(s.Value, "image") is SiloImage or DemoImage);

    public static ComposeFile Load(string relativePath = "docker-compose.yml") => new(LoadYaml(relativePath));

    /// <summary>A compose file from its text (a test's variant of docker-compose.yml).</summary>
    public static ComposeFile Parse(string yaml) => new(ParseYaml(yaml));

    public static Dictionary<object, object> LoadYaml(string relativePath) => ParseYaml(File.ReadAllText(Path.Combine(RepoPaths.Root, relativePath)));

    private static Dictionary<object, object> ParseYaml(string yaml)
    {
        using var reader = new StringReader(yaml);
        return new DeserializerBuilder().Build().Deserialize<Dictionary<object, object>>(new MergingParser(new Parser(reader)));
    }

    public static Dictionary<object, object> Map(Dictionary<object, object> node, string key) =>
        node.TryGetValue(key, out var value) && value is Dictionary<object, object> map ? map : [];

    public static List<object> List(Dictionary<object, object> node, string key) =>
        node.TryGetValue(key, out var value) && value is List<object> list ? list : [];

    public static string? Str(Dictionary<object, object> node, string key) => node.TryGetValue(key, out var value) ? value as string : null;

    public static Dictionary<string, string> Environment(Dictionary<object, object> service) =>
        Map(service, "environment").ToDictionary(e => (string)e.Key, e => e.Value as string ?? "");

    /// <summary>The ports a silo service listens on: HTTP (from ASPNETCORE_URLS), silo and gateway.</summary>
    public static IEnumerable<int> SiloListenPorts(Dictionary<object, object> service)
    {
        var env = Environment(service);
        if (env.TryGetValue("ASPNETCORE_URLS", out var urls))
        {
            yield return new Uri(urls.Replace("+", "0.0.0.0", StringComparison.Ordinal)).Port;
        }

        foreach (var key in (string[])["Orleans__SiloPort", "Orleans__GatewayPort"])
        {
            if (env.TryGetValue(key, out var port))
            {
                yield return int.Parse(port, System.Globalization.CultureInfo.InvariantCulture);
            }
        }
    }

    /// <summary>Names a configuration file reads from the environment (<c>{ env: NAME }</c>).</summary>
    public static IEnumerable<string> ConfigEnvReferences(string relativePath) =>
        EnvReference().Matches(File.ReadAllText(Path.Combine(RepoPaths.Root, relativePath))).Select(m => m.Groups["name"].Value);

    [GeneratedRegex(@"\{\s*env:\s*(?<name>[A-Za-z_][A-Za-z0-9_]*)\s*\}")]
    private static partial Regex EnvReference();
}
