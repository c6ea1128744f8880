using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace AddonGrains.Configuration;

/// <summary>
/// The checks every part of the configuration shares (mapping with known keys, required values, names, URLs,
/// durations, enums, lists, uniqueness). Each problem is collected with its key path; a check that fails returns
/// null or the fallback so binding goes on and every error of the file is reported at once.
/// </summary>
internal sealed partial class NodeValidator
{
    private readonly List<string> _errors = [];
    private readonly List<(ConfigMapping Mapping, int At)> _mappings = [];

    /// <summary>Every error found so far; the unknown keys of a mapping come with <see cref="Finish"/>.</summary>
    public IReadOnlyList<string> Errors => _errors;

    /// <summary>Every mapping opened so far, with the keys its binder read.</summary>
    public IEnumerable<ConfigMapping> Mappings => _mappings.Select(m => m.Mapping);

    public void Error(string message) => _errors.Add(message);

    /// <summary>
    /// Opens a mapping of the file. The keys it accepts are those its binder reads (<see cref="ConfigMapping.Get"/>);
    /// its unknown keys are reported by <see cref="Finish"/>, at the place of the errors they would have had had they
    /// been known when the mapping was opened.
    /// </summary>
    public ConfigMapping? Mapping(YamlNode node, string path)
    {
        if (node is not YamlMappingNode map)
        {
            Error($"{path}: expected a mapping (key: value)");
            return null;
        }

        var mapping = new ConfigMapping(map, path);
        _mappings.Add((mapping, _errors.Count));
        return mapping;
    }

    /// <summary>Reports the keys of each mapping its binder did not read, before the errors found inside it.</summary>
    public void Finish()
    {
        for (var i = _mappings.Count - 1; i >= 0; i--)
        {
            var (mapping, at) = _mappings[i];
            _errors.InsertRange(at, mapping.Unknown.Select(key =>
                $"{(mapping.Path == "(root)" ? key : $"{mapping.Path}.{key}")}: unknown key (expected one of: {string.Join(", ", mapping.Keys)})"));
        }

        _mappings.Clear();
    }

    public ImmutableArray<T> List<T>(ConfigMapping map, string key, bool required, Func<YamlNode, string, T?> bind, string prefix = "")
        where T : class
    {
        var path = prefix + key;
        if (map.Get(key) is not { } node)
        {
            if (required)
            {
                Error($"{path}: required (a list with at least one entry)");
            }

            return [];
        }

        if (node is not YamlSequenceNode seq || seq.Children.Count == 0)
        {
            Error($"{path}: expected a list with at least one entry");
            return [];
        }

        var result = ImmutableArray.CreateBuilder<T>();
        for (var i = 0; i < seq.Children.Count; i++)
        {
            if (bind(seq.Children[i], $"{path}[{i}]") is { } item)
            {
                result.Add(item);
            }
        }

        return result.ToImmutable();
    }

    public T EnumValue<T>(ConfigMapping map, string path, string key, T fallback)
        where T : struct, Enum
    {
        if (map.Get(key) is not { } node)
        {
            return fallback;
        }

        var text = Scalar(node, $"{path}.{key}");
        var names = Enum.GetNames<T>().Select(n => char.ToLowerInvariant(n[0]) + n[1..]).ToArray();
        if (text is not null && names.Contains(text, StringComparer.Ordinal))
        {
            return Enum.Parse<T>(text, ignoreCase: true);
        }

        Error($"{path}.{key}: '{text}' is not one of {string.Join(", ", names)}");
        return fallback;
    }

    public TimeSpan Duration(ConfigMapping map, string path, string key, TimeSpan fallback, TimeSpan minimum)
    {
        if (map.Get(key) is not { } node)
        {
            return fallback;
        }

        var text = Scalar(node, $"{path}.{key}");
        if (!Durations.TryParse(text, out var value))
        {
            Error($"{path}.{key}: '{text}' is not a duration (use e.g. 30s, 5m, 24h, 1d or hh:mm:ss)");
            return fallback;
        }

        if (value < minimum)
        {
            Error($"{path}.{key}: '{text}' is shorter than the minimum of {Durations.Format(minimum)}");
            return fallback;
        }

        return value;
    }

    public int WholeNumber(ConfigMapping map, string path, string key, int fallback, int minimum, int maximum)
    {
        if (map.Get(key) is not { } node)
        {
            return fallback;
        }

        if (node is YamlScalarNode { Value: { } text } && int.TryParse(text, out var n) && n >= minimum && n <= maximum)
        {
            return n;
        }

        Error($"{path}.{key}: expected a whole number from {minimum} to {maximum}");
        return fallback;
    }

    public Uri? Url(ConfigMapping map, string path, string key) => Url(RequiredString(map, path, key), $"{path}.{key}");

    /// <summary>An absolute http(s) URL without credentials, query or fragment; null (with an error) otherwise; null stays null.</summary>
    public Uri? Url(string? text, string path)
    {
        if (text is null)
        {
            return null;
        }

        if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && !string.IsNullOrEmpty(uri.Host)
            && string.IsNullOrEmpty(uri.UserInfo) && string.IsNullOrEmpty(uri.Query) && string.IsNullOrEmpty(uri.Fragment))
        {
            return uri;
        }

        Error($"{path}: '{RedactUserInfo(text)}' is not an absolute http(s) URL without credentials, query or fragment");
        return null;
    }

    public string? Name(ConfigMapping map, string path, string key) => Name(RequiredString(map, path, key), $"{path}.{key}");

    /// <summary>A name (letters, digits, '.', '_' and '-'); null (with an error) otherwise; null stays null.</summary>
    public string? Name(string? name, string path)
    {
        if (name is not null && !NamePattern().IsMatch(name))
        {
            Error($"{path}: '{name}' is not a valid name (letters, digits, '.', '_' and '-')");
            return null;
        }

        return name;
    }

    public string? RequiredString(ConfigMapping map, string path, string key)
    {
        if (map.Get(key) is not { } node)
        {
            Error($"{path}.{key}: required");
            return null;
        }

        return NotEmpty(Scalar(node, $"{path}.{key}"), $"{path}.{key}");
    }

    /// <summary>A value that must be given and not be blank (app-interface items, which have no YAML node).</summary>
    public string? RequiredString(string? value, string path)
    {
        if (value is null)
        {
            Error($"{path}: required");
            return null;
        }

        return NotEmpty(value, path);
    }

    public string? Scalar(YamlNode node, string path)
    {
        if (node is YamlScalarNode { Value: { } value })
        {
            return value;
        }

        Error($"{path}: expected a single value");
        return null;
    }

    public void Unique(IEnumerable<string> values, string list, string key, string what) =>
        Unique(values, list, i => $"{list}[{i}]", key, what);

    /// <summary>Reports each repeated value at <paramref name="at"/> of its index (app-interface names its own items).</summary>
    public void Unique(IEnumerable<string> values, string list, Func<int, string> at, string key, string what)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var i = 0;
        foreach (var value in values)
        {
            if (!seen.TryAdd(value, i))
            {
                Error($"{at(i)}.{key}: duplicate {what} '{value}' (first at {list}[{seen[value]}])");
            }

            i++;
        }
    }

    private string? NotEmpty(string? value, string path)
    {
        if (value is not null && value.Trim().Length == 0)
        {
            Error($"{path}: must not be empty");
            return null;
        }

        return value;
    }


    public static string Known(IEnumerable<string> names) => $" (known: {string.Join(", ", names.Order(StringComparer.Ordinal))})";

    // A URL with credentials ("https://user:password@host") is rejected; its password must not reach the message.
    // Everything between the scheme and the last '@' is hidden, since a password may itself contain '/', '?' or '#'.
    private static string RedactUserInfo(string text)
    {
        var scheme = text.IndexOf("://", StringComparison.Ordinal);
        var start = scheme < 0 ? 0 : scheme + 3;
        var at = text.LastIndexOf('@');
        return at < start ? text : string.Concat(text.AsSpan(0, start), "***", text.AsSpan(at));
    }

    [GeneratedRegex("^[A-Za-z0-9_-]+$", RegexOptions.CultureInvariant)]
    internal static partial Regex OrgIdPattern();

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]*$", RegexOptions.CultureInvariant)]
    internal static partial Regex AddonIdPattern();

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_.-]*$", RegexOptions.CultureInvariant)]
    internal static partial Regex ParameterNamePattern();
}
