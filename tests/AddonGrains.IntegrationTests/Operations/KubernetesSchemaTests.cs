using AddonGrains.IntegrationTests.Processes;
using static AddonGrains.IntegrationTests.Operations.KustomizeBase;

namespace AddonGrains.IntegrationTests.Operations;

/// <summary>
/// Every rendered object (the kustomize base, the overlay with both optional components, the processed OpenShift
/// Template) validates against the Kubernetes OpenAPI schemas of the npm package <c>kubernetes-models</c>
/// (tests/kubernetes-schema: installed with <c>npm ci</c> when missing). ServiceMonitor and PrometheusRule are CRDs
/// of the Prometheus Operator, not in those schemas: they are checked structurally here instead.
/// </summary>
public sealed class KubernetesSchemaTests : IDisposable
{
    private static readonly string SchemaDir = System.IO.Path.Combine(RepoPaths.Root, "tests", "kubernetes-schema");
    private static readonly SemaphoreSlim InstallLock = new(1, 1);
    private readonly string _scratch = Directory.CreateTempSubdirectory("addongrains-schema-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Base_ValidatesAgainstTheKubernetesSchemas()
    {
        var output = await ValidateAsync((await RenderAsync(Ct)).Yaml);

        Assert.Contains("valid apps/v1 Deployment/addongrains", output, StringComparison.Ordinal);
        Assert.Contains("valid policy/v1 PodDisruptionBudget/addongrains", output, StringComparison.Ordinal);
        Assert.DoesNotContain("skipped", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OverlayWithBothComponents_Validates_CrdsStructurally()
    {
        var k = await RenderAsync(Ct, "deploy/overlays/example");
        var output = await ValidateAsync(k.Yaml);
        var monitor = k.Single("ServiceMonitor");
        var endpoint = Assert.Single(Items(Path(monitor, "spec"), "endpoints"));
        var rule = k.Single("PrometheusRule");

        Assert.Contains("valid networking.k8s.io/v1 NetworkPolicy/addongrains-egress", output, StringComparison.Ordinal);
        Assert.Equal(["PrometheusRule", "ServiceMonitor"], output.Split('\n').Where(l => l.StartsWith("skipped", StringComparison.Ordinal))
            .Select(l => l.Split(' ')[2].Split('/')[0]).Order(StringComparer.Ordinal));
        Assert.Equal("monitoring.coreos.com/v1", ComposeFile.Str(monitor, "apiVersion"));
        Assert.Equal(("http", "/metrics"), (ComposeFile.Str(endpoint, "port"), ComposeFile.Str(endpoint, "path")));
        Assert.Equal(Path(k.Single("Service"), "spec", "selector"), Path(monitor, "spec", "selector", "matchLabels"));
        Assert.Contains("http", Items(Path(k.Single("Service"), "spec"), "ports").Select(p => ComposeFile.Str(p, "name")));
        Assert.Equal("monitoring.coreos.com/v1", ComposeFile.Str(rule, "apiVersion"));
        Assert.All(Items(Path(rule, "spec"), "groups"), g => Assert.All(Items(g, "rules"), r => Assert.NotNull(ComposeFile.Str(r, "expr"))));
    }

    [Fact]
    public async Task ProcessedTemplate_Validates()
    {
        var processed = TemplateProcessor.Process(await File.ReadAllTextAsync(System.IO.Path.Combine(RepoPaths.Root, "openshift", "addongrains.yaml"), Ct),
            new Dictionary<string, string> { ["IMAGE_TAG"] = "abc1234", ["REPLICAS"] = "5" });

        var output = await ValidateAsync(processed);

        Assert.Contains("valid apps/v1 Deployment/addongrains", output, StringComparison.Ordinal);
        Assert.DoesNotContain("skipped", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BrokenObject_FailsValidation()
    {
        var broken = (await RenderAsync(Ct)).Yaml.Replace("replicas: 3", "replicas: three", StringComparison.Ordinal);

        var (exitCode, output) = await RunValidatorAsync(broken);

        Assert.Equal(1, exitCode);
        Assert.Contains("INVALID apps/v1 Deployment/addongrains: data/spec/replicas must be integer", output, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_scratch, recursive: true);

    private async Task<string> ValidateAsync(string yaml)
    {
        var (exitCode, output) = await RunValidatorAsync(yaml);
        Assert.True(exitCode == 0, output);
        return output;
    }

    private async Task<(int ExitCode, string Output)> RunValidatorAsync(string yaml)
    {
        await EnsureInstalledAsync();
        var file = System.IO.Path.Combine(_scratch, $"{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(file, yaml, Ct);
        return await ProcessRunner.RunAsync("node", [System.IO.Path.Combine(SchemaDir, "validate.js"), file], Ct);
    }

    /// <summary><c>npm ci</c> from the committed lock file when node_modules is missing (a fresh clone).</summary>
    private static async Task EnsureInstalledAsync()
    {
        await InstallLock.WaitAsync(Ct);
        try
        {
            if (!Directory.Exists(System.IO.Path.Combine(SchemaDir, "node_modules", "kubernetes-models")))
            {
                var (exitCode, output) = await ProcessRunner.RunAsync("npm", ["ci", "--prefix", SchemaDir, "--no-audit", "--no-fund"], Ct);
                Assert.True(exitCode == 0, $"npm ci in tests/kubernetes-schema failed ({exitCode}):\n{output}");
            }
        }
        finally
        {
            InstallLock.Release();
        }
    }
}
