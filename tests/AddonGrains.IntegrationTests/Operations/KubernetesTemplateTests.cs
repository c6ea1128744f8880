using AddonGrains.IntegrationTests.Processes;
using System.Text.RegularExpressions;
using static AddonGrains.IntegrationTests.Operations.KustomizeBase;

namespace AddonGrains.IntegrationTests.Operations;

/// <summary>openshift/addongrains.yaml, processed as <c>oc process</c> does, is the kustomize base without its components.</summary>
public sealed partial class KubernetesTemplateTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ProcessedTemplate_IsTheKustomizeBase()
    {
        var k = await RenderAsync(Ct);
        var template = TemplateProcessor.Process(await File.ReadAllTextAsync(System.IO.Path.Combine(RepoPaths.Root, "openshift", "addongrains.yaml"), Ct),
            new Dictionary<string, string> { ["IMAGE"] = "addongrains-silo", ["IMAGE_TAG"] = "local", ["REPLICAS"] = "3" });
        var objects = ComposeFile.List(Parse(template).Objects.Single(), "objects").Cast<Dictionary<object, object>>();

        // kustomize names the generated ConfigMap with a content hash; the template uses the plain name.
        var expected = HashSuffix().Replace(KubernetesManifestTests.Yaml(k.Objects.OrderBy(Key, StringComparer.Ordinal).ToList()), "addongrains-config");
        Assert.Equal(expected, KubernetesManifestTests.Yaml(objects.OrderBy(Key, StringComparer.Ordinal).ToList()));
    }

    [Fact]
    public void Processor_TypesDoubleBracesAndSubstitutesInStrings()
    {
        const string Template = """
            kind: Template
            parameters:
              - { name: IMAGE, value: quay.io/x/y }
              - { name: TAG, required: true }
              - { name: COUNT, value: "2" }
            objects:
              - image: "${IMAGE}:${TAG}"
                replicas: ${{COUNT}}
                quoted: "${{COUNT}}"
            """;

        var processed = TemplateProcessor.Process(Template, new Dictionary<string, string> { ["TAG"] = "abc1234", ["COUNT"] = "4" });

        Assert.Contains("image: \"quay.io/x/y:abc1234\"", processed, StringComparison.Ordinal);
        Assert.Contains("replicas: 4\n", processed, StringComparison.Ordinal);
        Assert.EndsWith("quoted: 4", processed, StringComparison.Ordinal);
        Assert.Contains("TAG is required", Assert.Throws<InvalidOperationException>(() => TemplateProcessor.Process(Template, new Dictionary<string, string>())).Message, StringComparison.Ordinal);
        Assert.Contains("${NOPE}", Assert.Throws<InvalidOperationException>(() => TemplateProcessor.Process(Template + "\n    other: ${NOPE}\n", new Dictionary<string, string> { ["TAG"] = "t" })).Message, StringComparison.Ordinal);
    }

    private static string Key(Dictionary<object, object> o) => $"{ComposeFile.Str(o, "kind")}/{ComposeFile.Str(Path(o, "metadata"), "name")}";

    [GeneratedRegex("addongrains-config-[a-z0-9]{10}")]
    private static partial Regex HashSuffix();
}
