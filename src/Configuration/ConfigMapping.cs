using YamlDotNet.RepresentationModel;

namespace AddonGrains.Configuration;

/// <summary>
/// One mapping of the configuration file as its binder reads it. The binder is the schema: the keys it reads with
/// <see cref="Get"/> are the keys the mapping accepts, in the order they are read (so a binder reads every key of its
/// mapping, also when an earlier one is invalid); any other key is unknown (<see cref="NodeValidator.Finish"/>).
/// </summary>
internal sealed class ConfigMapping(YamlMappingNode node, string path)
{
    private readonly List<string> _keys = [];

    /// <summary>The key path of the mapping, e.g. <c>ocm[0]</c>; <c>(root)</c> for the file.</summary>
    public string Path => path;

    /// <summary>The keys the binder read so far: the keys this mapping accepts.</summary>
    public IReadOnlyList<string> Keys => _keys;

    /// <summary>The keys of the file that the binder did not read, in file order.</summary>
    public IEnumerable<string> Unknown =>
        node.Children.Keys.Select(k => (k as YamlScalarNode)?.Value ?? "?").Where(k => !_keys.Contains(k, StringComparer.Ordinal));

    /// <summary>The value of <paramref name="key"/>, or null when it is not there; declares the key.</summary>
    public YamlNode? Get(string key)
    {
        if (!_keys.Contains(key, StringComparer.Ordinal))
        {
            _keys.Add(key);
        }

        return node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;
    }
}
