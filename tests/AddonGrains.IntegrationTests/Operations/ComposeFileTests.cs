using System.Text.RegularExpressions;
using AddonGrains.IntegrationTests.Processes;
using AddonGrains.Silo.Hosting;
using static AddonGrains.IntegrationTests.Operations.ComposeFile;

namespace AddonGrains.IntegrationTests.Operations;

/// <summary>What can be checked of docker-compose.yml and deploy/ without Docker.</summary>
public sealed partial class ComposeFileTests
{
    private const string SiloConfig = "deploy/addongrains.yaml";
    private readonly ComposeFile _compose = Load();

    [Fact]
    public void ComposeFile_Services_ArePresentAndImagesPinned()
    {
        var services = _compose.Services;

        Assert.Superset(new HashSet<string> { "postgres", "migrate", "silo1", "silo2", "demo", "otel-collector", "jaeger" }, services.Keys.ToHashSet());
        Assert.Matches(@"^postgres:\d+\.\d+$", Str(services["postgres"], "image"));
        Assert.Equal(["migrate"], List(services["migrate"], "command"));
        Assert.Equal(["demo"], List(services["demo"], "profiles"));
        Assert.Equal(["--demo"], List(services["demo"], "command"));
        Assert.All(services.Where(s => Str(s.Value, "image") != SiloImage), s =>
            Assert.True(PinnedImage().IsMatch(Str(s.Value, "image") ?? ""), $"{s.Key}: image '{Str(s.Value, "image")}' is not pinned to a version"));
        Assert.All(_compose.SiloServices, s => Assert.Equal("deploy/Dockerfile", Str(Map(s.Value, "build"), "dockerfile")));
        Assert.Contains("ENTRYPOINT [\"dotnet\", \"AddonGrains.Silo.dll\"]", File.ReadAllText(Path.Combine(RepoPaths.Root, "deploy", "Dockerfile")), StringComparison.Ordinal);
    }

    [Fact]
    public void ComposeFile_Ports_DoNotClashOnTheHostOrInTheSharedNamespace()
    {
        var published = _compose.Services.SelectMany(s => List(s.Value, "ports").Select(p => (Service: s.Key, Port: HostEndpoint((string)p)))).ToList();
        var inPod = _compose.Services.Where(s => Str(s.Value, "network_mode") == "service:pod").ToList();
        var podPorts = inPod.SelectMany(s => (s.Key == "postgres" ? [5432] : SiloListenPorts(s.Value)).Select(p => (Service: s.Key, Port: p))).ToList();

        Assert.All(published.GroupBy(p => p.Port), g => Assert.True(g.Count() == 1, $"host port {g.Key} published by {string.Join(", ", g.Select(p => p.Service))}"));
        Assert.All(podPorts.GroupBy(p => p.Port), g => Assert.True(g.Count() == 1, $"port {g.Key} used by {string.Join(", ", g.Select(p => p.Service))} in the pod namespace"));
        Assert.All(inPod, s => Assert.Empty(List(s.Value, "ports")));
        Assert.All(published, p => Assert.StartsWith("127.0.0.1:", p.Port, StringComparison.Ordinal));
        var podPublished = List(_compose.Services["pod"], "ports").Select(p => ((string)p).Split(':')[^1]).ToHashSet();
        Assert.All(_compose.SiloServices.Where(s => s.Key != "migrate"), s =>
            Assert.Contains(SiloListenPorts(s.Value).First().ToString(System.Globalization.CultureInfo.InvariantCulture), podPublished));
    }

    [Fact]
    public void ComposeFile_SiloEnvironment_IsOnlyWhatTheSiloReads()
    {
        var fromConfig = ConfigEnvReferences(SiloConfig).ToHashSet(StringComparer.Ordinal);
        var unknown = _compose.SiloServices
            .SelectMany(s => Environment(s.Value).Keys.Select(k => (Service: s.Key, Name: k)))
            .Where(e => !SiloEnvironment.IsSupported(e.Name) && !fromConfig.Contains(e.Name))
            .Select(e => $"{e.Service}: {e.Name}")
            .ToList();

        Assert.Equal(4, _compose.SiloServices.Count());
        Assert.Equal(["JENKINS_TOKEN", "OCM_CLIENT_SECRET"], fromConfig.Order(StringComparer.Ordinal));
        Assert.True(unknown.Count == 0, "environment variables the silo does not read (add them to SiloEnvironment.Supported if it does):\n" + string.Join("\n", unknown));
    }

    [Fact]
    public void ComposeFile_Silos_ProbeHealthzAndReadyzOnTheirOwnPort()
    {
        var silos = _compose.SiloServices.Where(s => s.Key != "migrate").ToList();

        Assert.All(silos, s =>
        {
            var port = SiloListenPorts(s.Value).First();
            var test = string.Join(' ', List(Map(s.Value, "healthcheck"), "test").Cast<string>());
            Assert.Contains($"http://127.0.0.1:{port}/healthz", test, StringComparison.Ordinal);
            Assert.Contains($"http://127.0.0.1:{port}/readyz", test, StringComparison.Ordinal);
        });
        Assert.All(_compose.Services.Where(s => s.Key.StartsWith("silo", StringComparison.Ordinal)), s =>
        {
            var env = Environment(s.Value);
            Assert.Equal("/etc/addongrains/addongrains.yaml", env["ADDONGRAINS_CONFIG"]);
            Assert.StartsWith("Host=127.0.0.1;Port=5432;", env["ConnectionStrings__Orleans"], StringComparison.Ordinal);
            Assert.Equal("http://otel-collector:4317", env["OTEL_EXPORTER_OTLP_ENDPOINT"]);
            Assert.Equal("service_completed_successfully", Str(Map(Map(s.Value, "depends_on"), "migrate"), "condition"));
        });
    }

    [Fact]
    public void DeployFiles_MountedFilesExistAndParse()
    {
        var mounts = _compose.Services.SelectMany(s => List(s.Value, "volumes").Cast<string>()).Where(v => v.StartsWith("./", StringComparison.Ordinal))
            .Select(v => v.Split(':')[0][2..]).ToList();
        var collector = LoadYaml("deploy/otel-collector.yaml");
        var prometheus = LoadYaml("deploy/prometheus.yml");
        var targets = List(List(prometheus, "scrape_configs").Cast<Dictionary<object, object>>().Single(), "static_configs")
            .Cast<Dictionary<object, object>>().SelectMany(c => List(c, "targets").Cast<string>()).ToHashSet();

        Assert.All(mounts, m => Assert.True(File.Exists(Path.Combine(RepoPaths.Root, m)), $"mounted file {m} is missing"));
        Assert.Contains("otlp", Map(collector, "receivers").Keys);
        Assert.Contains("otlp", List(Map(Map(Map(collector, "service"), "pipelines"), "traces"), "receivers"));
        Assert.Equal("/metrics", Str(List(prometheus, "scrape_configs").Cast<Dictionary<object, object>>().Single(), "metrics_path"));
        Assert.Equal(new HashSet<string> { "pod:8081", "pod:8082" }, targets);
        Assert.All(_compose.Services.Where(s => s.Key.StartsWith("silo", StringComparison.Ordinal)),
            s => Assert.Contains($"pod:{SiloListenPorts(s.Value).First()}", targets));
    }

    private static string HostEndpoint(string mapping)
    {
        var parts = mapping.Split(':');
        return parts.Length == 3 ? $"{parts[0]}:{parts[1]}" : $"0.0.0.0:{parts[0]}";
    }

    [GeneratedRegex(@"^[a-z0-9./-]+:v?\d+(\.\d+)+$")]
    private static partial Regex PinnedImage();
}
