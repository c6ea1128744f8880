using System.Reflection;
using System.Text.RegularExpressions;

namespace AddonGrains.Persistence;

/// <summary>One numbered, idempotent schema script embedded in this assembly (<c>Schema/NNNN_name.sql</c>).</summary>
/// <param name="Version">The script's number; scripts apply in ascending order.</param>
/// <param name="Description">The script's name without number and extension.</param>
/// <param name="Sql">The script text.</param>
public sealed partial record SchemaScript(int Version, string Description, string Sql)
{
    private static readonly Lazy<IReadOnlyList<SchemaScript>> Embedded = new(Load);

    /// <summary>All scripts shipped with this build, ordered by version.</summary>
    public static IReadOnlyList<SchemaScript> All => Embedded.Value;

    private static List<SchemaScript> Load()
    {
        var assembly = typeof(SchemaScript).Assembly;
        var scripts = new List<SchemaScript>();
        foreach (var name in assembly.GetManifestResourceNames())
        {
            var match = ResourceName().Match(name);
            if (!match.Success)
            {
                continue;
            }

            scripts.Add(new SchemaScript(int.Parse(match.Groups[1].Value), match.Groups[2].Value, Read(assembly, name)));
        }

        scripts.Sort((a, b) => a.Version.CompareTo(b.Version));
        for (var i = 1; i < scripts.Count; i++)
        {
            if (scripts[i].Version == scripts[i - 1].Version)
            {
                throw new InvalidOperationException($"Two schema scripts share version {scripts[i].Version}.");
            }
        }

        return scripts;
    }

    private static string Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Embedded schema script '{name}' is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    [GeneratedRegex(@"^Schema/(\d+)_([A-Za-z0-9_]+)\.sql$")]
    private static partial Regex ResourceName();
}
