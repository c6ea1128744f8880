using System.Text.RegularExpressions;
using AddonGrains.IntegrationTests.Processes;
using static AddonGrains.IntegrationTests.Operations.ComposeFile;

namespace AddonGrains.IntegrationTests.Operations;

/// <summary>
/// docker-compose.yml and scripts/cluster-in-containers.sh run the same cluster: the same images, the same environment
/// per silo (only the collector's endpoint is compose's own) and per simulator container, the same configuration
/// file, user, stop timeout and number of silos. The script says what it runs (<c>silo-env</c>, <c>simulators-env</c>,
/// <c>describe</c>); compose's <c>${VAR…}</c> are resolved with the same secrets the script is given.
/// </summary>
public sealed partial class ComposeScriptConsistencyTests
{
    /// <summary>Silo variables only compose sets: it runs an OpenTelemetry collector, the script does not.</summary>
    private static readonly string[] ComposeOnly = ["OTEL_EXPORTER_OTLP_ENDPOINT"];

    private static readonly Dictionary<string, string> Secrets = new(StringComparer.Ordinal)
    {
        ["POSTGRES_PASSWORD"] = "test-db-password", ["OCM_CLIENT_SECRET"] = "test-ocm-secret", ["JENKINS_TOKEN"] = "test-jenkins-token",
    };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ComposeAndScript_RunTheSameCluster()
    {
        var script = await ScriptAsync();

        Assert.Empty(Differences(Load(), script));
        Assert.Equal("deploy/simulators/addongrains.yaml", script.Describe["config"]);
        Assert.Equal("test-db-password", Assert.Contains("ConnectionStrings__Orleans", script.SiloEnv).Split("Password=")[1].Split(';')[0]);
    }

    [Fact]
    public async Task Differences_NameWhatDiverged()
    {
        var script = await ScriptAsync();
        var text = await File.ReadAllTextAsync(Path.Combine(RepoPaths.Root, "docker-compose.yml"), Ct);
        Assert.Contains("\"11111\"", text, StringComparison.Ordinal);
        var diverged = text
            .Replace("Orleans__SiloPort: \"11111\"", "Orleans__SiloPort: \"11112\"", StringComparison.Ordinal)
            .Replace("stop_grace_period: 45s", "stop_grace_period: 10s", StringComparison.Ordinal)
            .Replace("${IMAGE:-localhost/addongrains:dev}", "${IMAGE:-localhost/addongrains:other}", StringComparison.Ordinal)
            .Replace("      Logging__Console__FormatterName: simple\n", "", StringComparison.Ordinal)
            .Replace("SIMULATORS_HOST: simulators", "SIMULATORS_HOST: sims", StringComparison.Ordinal);

        var differences = Differences(Parse(diverged), script);

        Assert.Equal(
            [
                "migrate: image localhost/addongrains:other, the script's localhost/addongrains:dev",
                "silo: environment Logging__Console__FormatterName missing, the script's simple",
                "silo: environment Orleans__SiloPort 11112, the script's 11111",
                "silo: image localhost/addongrains:other, the script's localhost/addongrains:dev",
                "silo: stop_grace_period 10s, the script's 45s",
                "simulators: environment SIMULATORS_HOST sims, the script's simulators",
            ],
            differences.Order(StringComparer.Ordinal));
    }

    private sealed record Script(Dictionary<string, string> SiloEnv, Dictionary<string, string> SimulatorsEnv, Dictionary<string, string> Describe);

    private static async Task<Script> ScriptAsync()
    {
        async Task<Dictionary<string, string>> Run(string command, char separator)
        {
            var output = await ProcessRunner.RunCheckedAsync("env",
                ["-u", "IMAGE", "-u", "SIMULATORS_IMAGE", "-u", "POSTGRES_IMAGE", .. Secrets.Select(s => $"{s.Key}={s.Value}"),
                 "bash", Path.Combine(RepoPaths.Root, "scripts", "cluster-in-containers.sh"), command], Ct);
            return output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(l => l.Split(separator, 2)).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
        }

        return new Script(await Run("silo-env", '='), await Run("simulators-env", '='), await Run("describe", ' '));
    }

    private static List<string> Differences(ComposeFile compose, Script script)
    {
        var differences = new List<string>();
        void Same(string service, string what, string? composeValue, string scriptValue)
        {
            if (composeValue != scriptValue)
            {
                differences.Add($"{service}: {what} {composeValue ?? "missing"}, the script's {scriptValue}");
            }
        }

        void SameEnvironment(string service, IReadOnlyDictionary<string, string> expected, IEnumerable<string> only)
        {
            var actual = Environment(compose.Services[service]).ToDictionary(e => e.Key, e => Resolve(e.Value), StringComparer.Ordinal);
            foreach (var name in expected.Keys.Union(actual.Keys.Except(only)))
            {
                Same(service, $"environment {name}", actual.GetValueOrDefault(name), expected.GetValueOrDefault(name, "(not set)"));
            }
        }

        var services = compose.Services;
        foreach (var (service, image) in ((string Service, string Image)[])[("silo", "silo-image"), ("migrate", "silo-image"), ("simulators", "simulators-image")])
        {
            Same(service, "image", Resolve(Str(services[service], "image") ?? ""), script.Describe[image]);
            Same(service, "user", Str(services[service], "user"), script.Describe["user"]);
            Same(service, "read_only", services[service].GetValueOrDefault("read_only") as string, "true");
        }

        SameEnvironment("silo", script.SiloEnv, ComposeOnly);
        SameEnvironment("simulators", script.SimulatorsEnv, []);
        Same("migrate", "environment ConnectionStrings__Orleans", Resolve(Environment(services["migrate"]).GetValueOrDefault("ConnectionStrings__Orleans", "")),
            script.SiloEnv["ConnectionStrings__Orleans"]);
        Same("silo", "stop_grace_period", Str(services["silo"], "stop_grace_period"), script.Describe["stop-timeout"] + "s");
        Same("silo", "replicas", Str(Map(services["silo"], "deploy"), "replicas"), script.Describe["silos"]);
        Same("silo", "configuration mount", List(services["silo"], "volumes").Cast<string>().SingleOrDefault(),
            $"./{script.Describe["config"]}:{script.SiloEnv["ADDONGRAINS_CONFIG"]}:ro");
        return differences;
    }

    /// <summary>Compose's interpolation: <c>${NAME}</c>, <c>${NAME:?message}</c> and <c>${NAME:-default}</c>, NAME from <see cref="Secrets"/>.</summary>
    private static string Resolve(string value) => Variable().Replace(value, m =>
        Secrets.TryGetValue(m.Groups["name"].Value, out var secret) ? secret
        : m.Groups["op"].Value == ":-" ? m.Groups["arg"].Value
        : $"(unset {m.Groups["name"].Value})");

    [GeneratedRegex(@"\$\{(?<name>[A-Za-z_][A-Za-z0-9_]*)(?:(?<op>:\?|:-)(?<arg>[^}]*))?\}")]
    private static partial Regex Variable();
}
