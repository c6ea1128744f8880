using AddonGrains.IntegrationTests.Processes;
using AddonGrains.Silo.Hosting;
using static AddonGrains.IntegrationTests.Operations.ComposeFile;
using static AddonGrains.IntegrationTests.Operations.KustomizeBase;

namespace AddonGrains.IntegrationTests.Operations;

/// <summary>The kustomize base in deploy/kubernetes (and its optional components), rendered by <c>kubectl kustomize</c>.</summary>
public sealed class KubernetesManifestTests
{
    private const string App = "addongrains";

    /// <summary>What Microsoft.Orleans.Hosting.Kubernetes calls: read and label its own pod, list and watch (delete only with DeleteDefunctSiloPods, which is off).</summary>
    private static readonly string[] PodVerbs = ["get", "list", "patch", "watch"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Dictionary<object, object> PodSpec(KustomizeBase k) => Path(k.Single("Deployment"), "spec", "template", "spec");

    private static Dictionary<object, object> Silo(KustomizeBase k) => Named(PodSpec(k), "containers", "silo");

    [Fact]
    public async Task Deployment_ThreeReplicasWithOrleansLabelsAndDownwardApi()
    {
        var k = await RenderAsync(Ct);
        var deployment = k.Single("Deployment");
        var labels = Path(deployment, "spec", "template", "metadata", "labels");
        var env = Items(Silo(k), "env").ToDictionary(e => Str(e, "name")!);

        Assert.Equal("3", Path(deployment, "spec")["replicas"]);
        Assert.Equal(App, labels["orleans/serviceId"]);
        Assert.Equal(App, labels["orleans/clusterId"]);
        Assert.Equal(App, labels["app.kubernetes.io/name"]);
        Assert.Equal("metadata.name", FieldRef(env["POD_NAME"]));
        Assert.Equal("metadata.namespace", FieldRef(env["POD_NAMESPACE"]));
        Assert.Equal("status.podIP", FieldRef(env["POD_IP"]));
        Assert.Equal("metadata.labels['orleans/serviceId']", FieldRef(env["Orleans__ServiceId"]));
        Assert.Equal("metadata.labels['orleans/clusterId']", FieldRef(env["Orleans__ClusterId"]));
        Assert.False(env.ContainsKey("Orleans__AdvertisedIP"), "pods advertise POD_IP and listen on all addresses");
    }

    [Fact]
    public async Task Deployment_SamePortsProbesGracePeriodAndRestrictedSecurity()
    {
        var k = await RenderAsync(Ct);
        var silo = Silo(k);
        var env = Items(silo, "env").ToDictionary(e => Str(e, "name")!, e => Str(e, "value"));
        var ports = Items(silo, "ports").ToDictionary(p => Str(p, "name")!, p => (string)p["containerPort"]);

        Assert.Equal(ports["silo"], env["Orleans__SiloPort"]);
        Assert.Equal(ports["gateway"], env["Orleans__GatewayPort"]);
        Assert.Equal($"http://0.0.0.0:{ports["http"]}", env["ASPNETCORE_URLS"]);
        Assert.Equal(("/readyz", "http"), (Str(Path(silo, "readinessProbe", "httpGet"), "path"), Str(Path(silo, "readinessProbe", "httpGet"), "port")));
        Assert.Equal(("/healthz", "http"), (Str(Path(silo, "livenessProbe", "httpGet"), "path"), Str(Path(silo, "livenessProbe", "httpGet"), "port")));
        Assert.True(int.Parse((string)PodSpec(k)["terminationGracePeriodSeconds"], System.Globalization.CultureInfo.InvariantCulture) > SiloDefaults.ShutdownTimeout.TotalSeconds);
        Assert.Equal("true", Path(PodSpec(k), "securityContext")["runAsNonRoot"]);
        Assert.All(Items(PodSpec(k), "containers").Concat(Items(PodSpec(k), "initContainers")), c =>
        {
            Assert.Equal("true", Path(c, "securityContext")["readOnlyRootFilesystem"]);
            Assert.Equal("false", Path(c, "securityContext")["allowPrivilegeEscalation"]);
        });
        var pdb = k.Single("PodDisruptionBudget");
        Assert.Equal(App, Path(pdb, "spec", "selector", "matchLabels")["app.kubernetes.io/name"]);
        Assert.Equal("1", Path(pdb, "spec")["maxUnavailable"]);
    }

    [Fact]
    public async Task Deployment_SetsOnlyVariablesTheSiloReads_SecretsFromTheSecret_ConfigFromTheConfigMap()
    {
        var k = await RenderAsync(Ct);
        var configMap = k.Single("ConfigMap");
        var yaml = (string)Path(configMap, "data")["addongrains.yaml"];
        var fromConfig = ConfigEnvReferences("deploy/kubernetes/addongrains.yaml").ToHashSet(StringComparer.Ordinal);
        var env = Items(PodSpec(k), "containers").Concat(Items(PodSpec(k), "initContainers")).SelectMany(c => Items(c, "env")).ToList();
        var silo = Silo(k);
        var configPath = Items(silo, "env").Single(e => Str(e, "name") == "ADDONGRAINS_CONFIG");
        var mount = Named(silo, "volumeMounts", "config");

        Assert.All(env, e => Assert.True(SiloEnvironment.IsSupported(Str(e, "name")!) || fromConfig.Contains(Str(e, "name")!),
            $"the Deployment sets {Str(e, "name")}, which the silo does not read"));
        Assert.All(["ConnectionStrings__Orleans", .. fromConfig], name => Assert.All(env.Where(e => Str(e, "name") == name), e =>
        {
            Assert.Null(Str(e, "value"));
            Assert.Equal("addongrains", Str(Path(e, "valueFrom", "secretKeyRef"), "name"));
        }));
        Assert.Superset(fromConfig, Items(silo, "env").Select(e => Str(e, "name")!).ToHashSet());
        Assert.Equal(await File.ReadAllTextAsync(System.IO.Path.Combine(RepoPaths.Root, "deploy", "addongrains.yaml"), Ct), yaml);
        Assert.Equal($"{Str(mount, "mountPath")}/addongrains.yaml", Str(configPath, "value"));
        Assert.Equal(Str(Path(configMap, "metadata"), "name"), Str(Path(Named(PodSpec(k), "volumes", "config"), "configMap"), "name"));
        Assert.Equal(["migrate"], List(Named(PodSpec(k), "initContainers", "migrate"), "args").Cast<string>());
    }

    [Fact]
    public async Task Rbac_GrantsExactlyThePodVerbsOfKubernetesHosting_ToTheDeploymentsServiceAccount()
    {
        var k = await RenderAsync(Ct);
        var rule = Assert.Single(Items(Path(k.Single("Role")), "rules"));
        var binding = k.Single("RoleBinding");
        var account = Str(PodSpec(k), "serviceAccountName");

        Assert.Equal(["pods"], List(rule, "resources").Cast<string>());
        Assert.Equal(PodVerbs, List(rule, "verbs").Cast<string>().Order(StringComparer.Ordinal));
        Assert.Equal(account, Str(Path(k.Single("ServiceAccount"), "metadata"), "name"));
        Assert.Equal(account, Str(Items(binding, "subjects").Single(), "name"));
        Assert.Equal(Str(Path(k.Single("Role"), "metadata"), "name"), Str(Path(binding, "roleRef"), "name"));
    }

    [Fact]
    public async Task ServiceAndNetworkPolicy_ScrapeMetadata_SiloPortOnlyFromTheApp()
    {
        var k = await RenderAsync(Ct);
        var annotations = Path(k.Single("Service"), "metadata", "annotations");
        var rules = Items(Path(k.Single("NetworkPolicy"), "spec"), "ingress").ToList();
        var siloRules = rules.Where(r => Items(r, "ports").Any(p => (string)p["port"] == "11111")).ToList();

        Assert.Equal(("true", "8080", "/metrics"), (Str(annotations, "prometheus.io/scrape"), Str(annotations, "prometheus.io/port"), Str(annotations, "prometheus.io/path")));
        Assert.Equal("http", Str(Items(Path(k.Single("Service"), "spec"), "ports").Single(), "targetPort"));
        var siloRule = Assert.Single(siloRules);
        var from = Assert.Single(Items(siloRule, "from"));
        Assert.Equal([App], Path(from, "podSelector", "matchLabels").Values.Cast<string>());
        Assert.Equal(["podSelector"], from.Keys.Cast<string>());
    }

    [Fact]
    public async Task PrometheusRule_IsAlertsYaml_InTheMonitoringComponentOnly()
    {
        var k = await RenderAsync(Ct, "deploy/overlays/example");
        var rendered = await ProcessRunner.RunCheckedAsync(System.IO.Path.Combine(RepoPaths.Root, "scripts", "render-prometheusrule.sh"), [], Ct);
        var alerts = LoadYaml("deploy/prometheus/alerts.yaml");
        var rule = k.Single("PrometheusRule");
        var committed = System.IO.Path.Combine(RepoPaths.Root, "deploy", "kubernetes", "components", "monitoring", "prometheusrule.yaml");

        Assert.True(rendered == await File.ReadAllTextAsync(committed, Ct),
            "deploy/kubernetes/components/monitoring/prometheusrule.yaml is stale: scripts/render-prometheusrule.sh > deploy/kubernetes/components/monitoring/prometheusrule.yaml");
        Assert.Equal(Yaml(alerts["groups"]), Yaml(Path(rule, "spec")["groups"]));
        Assert.Equal("addongrains", Str(Path(rule, "metadata"), "namespace"));
        Assert.DoesNotContain((await RenderAsync(Ct)).Objects, o => Str(o, "apiVersion")!.StartsWith("monitoring.coreos.com/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Deployment_ProbeTimeouts_StartupOnHealthz_SpreadOverNodesAndZones_ResourcesEverywhere()
    {
        var k = await RenderAsync(Ct);
        var silo = Silo(k);
        var spread = Items(PodSpec(k), "topologySpreadConstraints").ToList();

        Assert.Equal("/healthz", Str(Path(silo, "startupProbe", "httpGet"), "path"));
        Assert.All(["startupProbe", "readinessProbe", "livenessProbe"], probe => Assert.True(int.Parse(Str(Path(silo, probe), "timeoutSeconds")!, System.Globalization.CultureInfo.InvariantCulture) >= 5, $"{probe} has no timeout of 5 s or more"));
        Assert.True(int.Parse(Str(Path(silo, "readinessProbe"), "timeoutSeconds")!, System.Globalization.CultureInfo.InvariantCulture) > 10, "/readyz may take 5 s (PostgreSQL) + 5 s (silo)");
        Assert.Equal(["kubernetes.io/hostname", "topology.kubernetes.io/zone"], spread.Select(c => Str(c, "topologyKey")!).Order(StringComparer.Ordinal));
        Assert.All(spread, c =>
        {
            Assert.Equal("ScheduleAnyway", Str(c, "whenUnsatisfiable"));
            Assert.Equal(App, Str(Path(c, "labelSelector", "matchLabels"), "app.kubernetes.io/name"));
        });
        Assert.All(Items(PodSpec(k), "containers").Concat(Items(PodSpec(k), "initContainers")), c =>
        {
            Assert.NotNull(Str(Path(c, "resources", "requests"), "cpu"));
            Assert.NotNull(Str(Path(c, "resources", "requests"), "memory"));
            Assert.NotNull(Str(Path(c, "resources", "limits"), "memory"));
        });
        Assert.True(int.Parse(Str(Path(k.Single("Deployment"), "spec"), "minReadySeconds")!, System.Globalization.CultureInfo.InvariantCulture) > 0);
        Assert.Equal("AlwaysAllow", Str(Path(k.Single("PodDisruptionBudget"), "spec"), "unhealthyPodEvictionPolicy"));
    }

    [Fact]
    public async Task EgressComponent_AllowsDnsPostgresSilosAndHttps_BaseHasNone()
    {
        var k = await RenderAsync(Ct, "deploy/overlays/example");
        var egress = Assert.Single(k.Objects, o => Str(o, "kind") == "NetworkPolicy" && Str(Path(o, "metadata"), "name") == "addongrains-egress");
        var ports = Items(Path(egress, "spec"), "egress").SelectMany(r => Items(r, "ports")).Select(p => $"{Str(p, "protocol")}/{Str(p, "port")}").ToHashSet();

        Assert.Equal(["Egress"], List(Path(egress, "spec"), "policyTypes").Cast<string>());
        Assert.Superset(new HashSet<string> { "UDP/53", "TCP/53", "TCP/5432", "TCP/11111", "TCP/443" }, ports);
        Assert.Single((await RenderAsync(Ct)).Objects, o => Str(o, "kind") == "NetworkPolicy");
    }

    private static string? FieldRef(Dictionary<object, object> env) => Str(Path(env, "valueFrom", "fieldRef"), "fieldPath");

    /// <summary>YAML with keys sorted (kustomize sorts them), so equal content compares equal.</summary>
    internal static string Yaml(object value) => new YamlDotNet.Serialization.SerializerBuilder().Build().Serialize(Sorted(value));

    private static object Sorted(object value) => value switch
    {
        Dictionary<object, object> map => new SortedDictionary<string, object>(map.ToDictionary(e => (string)e.Key, e => Sorted(e.Value)), StringComparer.Ordinal),
        List<object> list => list.Select(Sorted).ToList(),
        _ => value,
    };
}
