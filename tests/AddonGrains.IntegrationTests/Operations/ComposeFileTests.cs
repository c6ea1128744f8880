using System.Text.RegularExpressions;
using AddonGrains.IntegrationTests.Processes;
using AddonGrains.Silo.Hosting;
using static AddonGrains.IntegrationTests.Operations.ComposeFile;

namespace AddonGrains.IntegrationTests.Operations;

/// <summary>What can be checked of docker-compose.yml and deploy/ without Docker.</summary>
public sealed partial class ComposeFileTests
{
    private const string SiloConfig = "deploy/simulators/addongrains.yaml";
    private readonly ComposeFile _compose = Load();

    [Fact]
    public void ComposeFile_Services_ArePresentAndImagesPinned()
    {
        var services = _compose.Services;

        Assert.Superset(new HashSet<string> { "postgres", "simulators", "migrate", "silo", "demo", "otel-collector", "jaeger", "prometheus" }, services.Keys.ToHashSet());
        Assert.Matches(@"^postgres:\d+\.\d+$", Str(services["postgres"], "image"));
        Assert.Equal(["migrate"], List(services["migrate"], "command"));
        Assert.Equal(["demo"], List(services["demo"], "profiles"));
        Assert.Equal(DemoImage, Str(services["demo"], "image"));
        Assert.Empty(List(services["demo"], "command"));
        Assert.All(services.Where(s => Str(s.Value, "image") is not (SiloImage or DemoImage) && s.Key != "simulators"), s =>
            Assert.True(PinnedImage().IsMatch(Str(s.Value, "image") ?? ""), $"{s.Key}: image '{Str(s.Value, "image")}' is not pinned to a version"));
        Assert.All(_compose.SiloServices, s => Assert.Equal("deploy/Dockerfile", Str(Map(s.Value, "build"), "dockerfile")));
        Assert.All(_compose.SiloServices, s => Assert.Equal(s.Key == "demo" ? "demo" : "runtime", Str(Map(s.Value, "build"), "target")));
        Assert.Equal("simulators", Str(Map(services["simulators"], "build"), "target"));
        var dockerfile = File.ReadAllText(Path.Combine(RepoPaths.Root, "deploy", "Dockerfile"));
        Assert.Contains("ENTRYPOINT [\"/app/AddonGrains.Silo\"]", dockerfile, StringComparison.Ordinal);
        Assert.Contains("FROM simulators-app AS simulators\n", dockerfile, StringComparison.Ordinal);
        Assert.Contains("FROM app AS demo\n", dockerfile, StringComparison.Ordinal);
        Assert.Contains("ENTRYPOINT [\"/app/AddonGrains.Demo\"]", dockerfile, StringComparison.Ordinal);
        Assert.Equal("FROM app AS runtime", dockerfile.Split('\n').Last(l => l.StartsWith("FROM ", StringComparison.Ordinal)));
    }

    [Fact]
    public void ComposeFile_NoSharedNetworkNamespace_PortsPublishedOnLoopbackWithoutClashes()
    {
        var published = _compose.Services.SelectMany(s => List(s.Value, "ports").SelectMany(p => HostPorts((string)p).Select(port => (Service: s.Key, Port: port)))).ToList();
        var silo = _compose.Services["silo"];
        var siloPorts = SiloListenPorts(silo).ToList();

        Assert.All(_compose.Services, s => Assert.False(s.Value.ContainsKey("network_mode"), $"{s.Key} sets network_mode: every service has its own container"));
        Assert.DoesNotContain("network_mode", File.ReadAllText(Path.Combine(RepoPaths.Root, "docker-compose.yml")), StringComparison.Ordinal);
        Assert.All(published.GroupBy(p => p.Port), g => Assert.True(g.Count() == 1, $"host port {g.Key} published by {string.Join(", ", g.Select(p => p.Service))}"));
        Assert.All(published, p => Assert.StartsWith("127.0.0.1:", p.Port, StringComparison.Ordinal));
        // A replicated service publishing host ports fails with "port already allocated": the silos publish none.
        Assert.Equal(3, siloPorts.Count);
        Assert.Empty(List(silo, "ports"));
    }

    [Fact]
    public void ComposeFile_Silos_AreOneScalableDefinitionAdvertisingTheirOwnAddress()
    {
        var silos = _compose.Services.Where(s => s.Key.StartsWith("silo", StringComparison.Ordinal)).ToList();
        var serializer = new YamlDotNet.Serialization.SerializerBuilder().Build();

        Assert.NotEmpty(silos);
        Assert.Single(silos.Select(s => serializer.Serialize(s.Value)).Distinct());
        Assert.All(silos, s =>
        {
            Assert.Equal("auto", Environment(s.Value)["Orleans__AdvertisedIP"]);
            Assert.True(int.Parse(Str(Map(s.Value, "deploy"), "replicas") ?? "1", System.Globalization.CultureInfo.InvariantCulture) >= 2);
            Assert.False(s.Value.ContainsKey("container_name"), "a fixed container name prevents --scale");
        });
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

        Assert.Equal(["demo", "migrate", "silo"], _compose.SiloServices.Select(s => s.Key).Order(StringComparer.Ordinal));
        Assert.Equal(["JENKINS_TOKEN", "OCM_CLIENT_SECRET"], fromConfig.Order(StringComparer.Ordinal));
        Assert.True(unknown.Count == 0, "environment variables the silo does not read (add them to SiloEnvironment.Supported if it does):\n" + string.Join("\n", unknown));
    }

    [Fact]
    public void ComposeFile_SurvivesFirstUse_SecretsRequiredNoProbeToolsTheImageLacks()
    {
        var text = File.ReadAllText(Path.Combine(RepoPaths.Root, "docker-compose.yml"));
        var silo = _compose.Services["silo"];

        // A missing secret stops `up` with a message naming it, instead of silos crash-looping.
        Assert.All((string[])["POSTGRES_PASSWORD", "OCM_CLIENT_SECRET", "JENKINS_TOKEN"], name =>
            Assert.Matches($@"\$\{{{name}:\?[^}}]*{name}[^}}]*\}}", text));
        Assert.DoesNotMatch(@"\$\{(POSTGRES_PASSWORD|OCM_CLIENT_SECRET|JENKINS_TOKEN)(:-[^}]*)?\}", text);
        // The image has no curl, wget or shell: no healthcheck that needs one (Kubernetes probes /healthz and /readyz over HTTP).
        Assert.All(_compose.SiloServices, s => Assert.False(s.Value.ContainsKey("healthcheck"), $"{s.Key} has a healthcheck the image cannot run"));
        Assert.DoesNotContain("curl", text, StringComparison.Ordinal);
        // The sample configuration points at the simulators' container, not at a real OCM with a made-up organization.
        Assert.DoesNotContain("api.openshift.com", File.ReadAllText(Path.Combine(RepoPaths.Root, SiloConfig)), StringComparison.Ordinal);
        Assert.Equal("true", Str(silo, "read_only"));
        Assert.Equal(["/tmp"], List(silo, "tmpfs"));
        Assert.False(_compose.Root.ContainsKey("name"), "the top-level name: key is rejected by Compose v1 (docker-compose 1.29)");
        Assert.All(_compose.Services.Where(s => s.Key.StartsWith("silo", StringComparison.Ordinal)), s =>
        {
            var env = Environment(s.Value);
            Assert.Equal("/etc/addongrains/addongrains.yaml", env["ADDONGRAINS_CONFIG"]);
            Assert.StartsWith("Host=postgres;Port=5432;", env["ConnectionStrings__Orleans"], StringComparison.Ordinal);
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
        var scrape = List(prometheus, "scrape_configs").Cast<Dictionary<object, object>>().Single();
        var dns = List(scrape, "dns_sd_configs").Cast<Dictionary<object, object>>().Single();
        var alertsMount = List(_compose.Services["prometheus"], "volumes").Cast<string>().Single(v => v.Contains("alerts.yaml", StringComparison.Ordinal));

        Assert.All(mounts, m => Assert.True(File.Exists(Path.Combine(RepoPaths.Root, m)), $"mounted file {m} is missing"));
        Assert.Contains("otlp", Map(collector, "receivers").Keys);
        Assert.Contains("otlp", List(Map(Map(Map(collector, "service"), "pipelines"), "traces"), "receivers"));
        Assert.Equal("/metrics", Str(scrape, "metrics_path"));
        Assert.Equal(["silo"], List(dns, "names").Cast<string>());
        Assert.Equal(SiloListenPorts(_compose.Services["silo"]).First().ToString(System.Globalization.CultureInfo.InvariantCulture), Str(dns, "port"));
        Assert.Equal([alertsMount.Split(':')[1]], List(prometheus, "rule_files").Cast<string>());
    }

    /// <summary>Host endpoints of a port mapping, ranges expanded (<c>127.0.0.1:8081-8083:8080</c> → three).</summary>
    private static IEnumerable<string> HostPorts(string mapping)
    {
        var parts = mapping.Split(':');
        var (host, ports) = parts.Length == 3 ? (parts[0], parts[1]) : ("0.0.0.0", parts[0]);
        var range = ports.Split('-').Select(p => int.Parse(p, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        return Enumerable.Range(range[0], range[^1] - range[0] + 1).Select(p => $"{host}:{p}");
    }

    [GeneratedRegex(@"^[a-z0-9./-]+:v?\d+(\.\d+)+$")]
    private static partial Regex PinnedImage();
}
