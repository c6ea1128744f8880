using System.Text.RegularExpressions;

namespace AddonGrains.IntegrationTests.Operations;

/// <summary>
/// What <c>oc process</c> does to an OpenShift Template, for the tests (there is no <c>oc</c> here): a value that is
/// exactly <c>${{NAME}}</c> becomes the parameter's value as a YAML value of its own type (a number stays a number);
/// <c>${NAME}</c> inside a string is replaced by the value. Parameters take their <c>value</c> unless given; a required
/// parameter without one, or a reference to an undeclared parameter, is an error naming it.
/// </summary>
internal static partial class TemplateProcessor
{
    public static string Process(string template, IReadOnlyDictionary<string, string> given)
    {
        var root = KustomizeBase.Parse(template).Objects.Single();
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var parameter in ComposeFile.List(root, "parameters").Cast<Dictionary<object, object>>())
        {
            var name = (string)parameter["name"];
            if (given.TryGetValue(name, out var value) || ComposeFile.Str(parameter, "value") is { } fallback && (value = fallback) is not null)
            {
                values[name] = value;
            }
            else if (ComposeFile.Str(parameter, "required") == "true")
            {
                throw new InvalidOperationException($"template parameter {name} is required and has no value");
            }
        }

        string Value(Match m) => values.TryGetValue(m.Groups["name"].Value, out var v) ? v
            : throw new InvalidOperationException($"the template refers to ${{{m.Groups["name"].Value}}}, which is not a parameter with a value");
        var typed = NonString().Replace(template, Value);
        return InString().Replace(typed, Value);
    }

    /// <summary>A whole YAML value <c>${{NAME}}</c>, plain or quoted.</summary>
    [GeneratedRegex("""(?<q>["']?)\$\{\{(?<name>[A-Z0-9_]+)\}\}\k<q>""")]
    private static partial Regex NonString();

    [GeneratedRegex(@"\$\{(?<name>[A-Z0-9_]+)\}")]
    private static partial Regex InString();
}
