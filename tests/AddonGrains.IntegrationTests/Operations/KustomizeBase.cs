using AddonGrains.IntegrationTests.Processes;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.Serialization;
using static AddonGrains.IntegrationTests.Operations.ComposeFile;

namespace AddonGrains.IntegrationTests.Operations;

/// <summary>deploy/kubernetes as <c>kubectl kustomize</c> renders it: the objects as plain maps.</summary>
internal sealed class KustomizeBase
{
    private KustomizeBase(List<Dictionary<object, object>> objects, string yaml) => (Objects, Yaml) = (objects, yaml);

    public List<Dictionary<object, object>> Objects { get; }

    /// <summary>The rendered stream as kubectl printed it.</summary>
    public string Yaml { get; }

    /// <summary>Renders <paramref name="directory"/> (relative to the repository; default the base).</summary>
    public static async Task<KustomizeBase> RenderAsync(CancellationToken ct, string directory = "deploy/kubernetes")
    {
        (int ExitCode, string Output) result;
        try
        {
            result = await ProcessRunner.RunAsync("kubectl", ["kustomize", System.IO.Path.Combine(RepoPaths.Root, directory)], ct);
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException("kubectl is needed to render deploy/kubernetes (kubectl kustomize); it is not on PATH", ex);
        }

        var (exitCode, output) = result;
        Assert.True(exitCode == 0, $"kubectl kustomize {directory} failed ({exitCode}):\n{output}");
        return Parse(output);
    }

    /// <summary>The objects of a multi-document YAML stream.</summary>
    public static KustomizeBase Parse(string output)
    {
        var parser = new Parser(new StringReader(output));
        var deserializer = new DeserializerBuilder().Build();
        parser.Consume<StreamStart>();
        var objects = new List<Dictionary<object, object>>();
        while (parser.Accept<DocumentStart>(out _))
        {
            objects.Add(deserializer.Deserialize<Dictionary<object, object>>(parser));
        }

        return new KustomizeBase(objects, output);
    }

    public Dictionary<object, object> Single(string kind) => Assert.Single(Objects, o => Str(o, "kind") == kind);

    public static Dictionary<object, object> Path(Dictionary<object, object> node, params string[] keys) =>
        keys.Aggregate(node, Map);

    public static IEnumerable<Dictionary<object, object>> Items(Dictionary<object, object> node, string key) =>
        List(node, key).Cast<Dictionary<object, object>>();

    public static Dictionary<object, object> Named(Dictionary<object, object> node, string key, string name) =>
        Assert.Single(Items(node, key), i => Str(i, "name") == name);
}
