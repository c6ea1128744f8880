using System.Text;

namespace AddonGrains.IntegrationTests.Abuse;

/// <summary>
/// One invalid configuration: its file content (<c>{dir}</c> stands for the case's temp directory), the text stderr
/// must contain (the key path and the reason; <c>{config}</c> stands for the file's path), and texts that must never
/// appear (secrets). <see cref="Content"/> null means the silo is pointed at a file that does not exist.
/// </summary>
internal sealed record BadConfig(string Name, byte[]? Content, string Expected)
{
    public IReadOnlyList<string> Forbidden { get; init; } = [];

    /// <summary>Files the case needs next to the configuration (name → content), e.g. an empty secret file.</summary>
    public IReadOnlyDictionary<string, string> Files { get; init; } = new Dictionary<string, string>();

    public static BadConfig Yaml(string name, string yaml, string expected) => new(name, Encoding.UTF8.GetBytes(yaml), expected);

    /// <summary>The valid base configuration with <paramref name="from"/> replaced (it must occur, or the case would test nothing).</summary>
    public static BadConfig Mutation(string name, string from, string to, string expected)
    {
        if (!BadConfigs.ValidYaml.Contains(from, StringComparison.Ordinal))
        {
            throw new ArgumentException($"case {name}: '{from}' is not in the valid configuration", nameof(from));
        }

        return Yaml(name, BadConfigs.ValidYaml.Replace(from, to, StringComparison.Ordinal), expected);
    }

    public override string ToString() => Name;
}
