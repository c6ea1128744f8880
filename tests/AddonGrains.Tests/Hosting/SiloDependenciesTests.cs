using System.Text.Json;
using System.Xml.Linq;
using AddonGrains.Silo.Hosting;

namespace AddonGrains.Tests.Hosting;

/// <summary>
/// The production silo carries no fakes: neither its project graph, nor its assembly, nor what it is built and published
/// with (its <c>.deps.json</c>) reaches the simulators; the demo (<c>src/Demo</c>) does (docs/architecture.md).
/// </summary>
public sealed class SiloDependenciesTests
{
    private static readonly string[] Fakes = ["AddonGrains.Simulators", "AddonGrains.SimulatorHost", "AddonGrains.Demo"];

    [Fact]
    public void SiloProject_ProjectReferences_NeverReachTheSimulators()
    {
        var reached = ProjectGraph(Path.Combine(RepositoryRoot.Path, "src", "Silo", "AddonGrains.Silo.csproj"));

        Assert.Contains("AddonGrains.Grains", reached);
        Assert.All(Fakes, fake => Assert.DoesNotContain(fake, reached));
        Assert.Contains("AddonGrains.Simulators", ProjectGraph(Path.Combine(RepositoryRoot.Path, "src", "Demo", "AddonGrains.Demo.csproj")));
    }

    [Fact]
    public void SiloAssembly_References_NeverReachTheSimulators()
    {
        var reached = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<System.Reflection.Assembly>([typeof(SiloHost).Assembly]);
        while (pending.TryPop(out var assembly))
        {
            foreach (var name in assembly.GetReferencedAssemblies().Where(n => n.Name!.StartsWith("AddonGrains.", StringComparison.Ordinal)))
            {
                if (reached.Add(name.Name!))
                {
                    pending.Push(System.Reflection.Assembly.Load(name));
                }
            }
        }

        Assert.Contains("AddonGrains.Grains", reached);
        Assert.All(Fakes, fake => Assert.DoesNotContain(fake, reached));
    }

    [Fact]
    public void SiloBuild_DepsFile_ListsNoSimulators()
    {
        // Built beside this test assembly (the project reference), in the same configuration: what `dotnet publish` ships.
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
        var deps = Path.Combine(RepositoryRoot.Path, "src", "Silo", "bin", configuration, "net10.0", "AddonGrains.Silo.deps.json");
        using var document = JsonDocument.Parse(File.ReadAllText(deps));
        var libraries = document.RootElement.GetProperty("libraries").EnumerateObject().Select(l => l.Name.Split('/')[0]).ToList();

        Assert.Contains("AddonGrains.Grains", libraries);
        Assert.All(Fakes, fake => Assert.DoesNotContain(fake, libraries));
    }

    /// <summary>The names of every project <paramref name="project"/> references, directly or through another.</summary>
    private static HashSet<string> ProjectGraph(string project)
    {
        var reached = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([project]);
        while (pending.TryPop(out var path))
        {
            foreach (var include in XDocument.Load(path).Descendants("ProjectReference").Select(r => (string)r.Attribute("Include")!))
            {
                var referenced = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, include));
                if (reached.Add(Path.GetFileNameWithoutExtension(referenced)))
                {
                    pending.Push(referenced);
                }
            }
        }

        return reached;
    }
}
