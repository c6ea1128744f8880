using System.Text.Json.Nodes;

namespace AddonGrains.Simulators.Jenkins;

/// <summary>
/// Jenkins' <c>tree</c> query parameter: <c>a,b[c,d[e]]{0,10}</c> keeps only the named fields (at every level, with
/// <c>*</c> for all), and <c>{from,to}</c> / <c>{n}</c> slices an array. <c>_class</c> is always kept, as Jenkins does.
/// </summary>
internal static class SimTree
{
    /// <summary>A JSON response filtered by the request's <c>tree</c>; other responses unchanged; a bad tree is a 400.</summary>
    public static SimResponse Filter(SimResponse response, string? tree)
    {
        if (string.IsNullOrWhiteSpace(tree) || response.Status != 200 || !response.ContentType.StartsWith("application/json", StringComparison.Ordinal))
        {
            return response;
        }

        try
        {
            return response with { Body = Apply(JsonNode.Parse(response.Body)!, tree).ToJsonString() };
        }
        catch (FormatException ex)
        {
            return SimResponse.Html(400, ex.Message);
        }
    }

    /// <summary>Filters <paramref name="node"/> by <paramref name="tree"/>; a null or empty tree returns it unchanged.</summary>
    public static JsonNode Apply(JsonNode node, string? tree)
    {
        if (string.IsNullOrWhiteSpace(tree))
        {
            return node;
        }

        var position = 0;
        var spec = ParseList(tree, ref position);
        if (position != tree.Length)
        {
            throw new FormatException($"unexpected '{tree[position]}' at {position} in tree '{tree}'");
        }

        return Filter(node, spec)!;
    }

    private static JsonNode? Filter(JsonNode? node, Dictionary<string, Field> spec) => node switch
    {
        JsonObject obj => FilterObject(obj, spec),
        JsonArray array => new JsonArray([.. array.Select(item => Filter(item, spec))]),
        _ => node?.DeepClone(),
    };

    private static JsonObject FilterObject(JsonObject obj, Dictionary<string, Field> spec)
    {
        var result = new JsonObject();
        foreach (var (name, value) in obj)
        {
            if (name != "_class" && !spec.ContainsKey(name) && !spec.ContainsKey("*"))
            {
                continue;
            }

            var field = spec.GetValueOrDefault(name) ?? spec.GetValueOrDefault("*");
            var filtered = field?.Children is { } children ? Filter(value, children) : value?.DeepClone();
            if (filtered is JsonArray array && field?.Range is var (from, to))
            {
                filtered = new JsonArray([.. array.Skip(from).Take(Math.Max(0, to - from)).Select(i => i?.DeepClone())]);
            }

            result[name] = filtered;
        }

        return result;
    }

    private static Dictionary<string, Field> ParseList(string tree, ref int position)
    {
        var fields = new Dictionary<string, Field>(StringComparer.Ordinal);
        while (true)
        {
            var start = position;
            while (position < tree.Length && tree[position] is not (',' or '[' or ']' or '{' or '}'))
            {
                position++;
            }

            var name = tree[start..position].Trim();
            Dictionary<string, Field>? children = null;
            if (position < tree.Length && tree[position] == '[')
            {
                position++;
                children = ParseList(tree, ref position);
                Expect(tree, ref position, ']');
            }

            (int, int)? range = null;
            if (position < tree.Length && tree[position] == '{')
            {
                var close = tree.IndexOf('}', position);
                if (close < 0)
                {
                    throw new FormatException($"unclosed '{{' in tree '{tree}'");
                }

                range = Range(tree[(position + 1)..close]);
                position = close + 1;
            }

            if (name.Length > 0)
            {
                fields[name] = new Field(children, range);
            }

            if (position < tree.Length && tree[position] == ',')
            {
                position++;
                continue;
            }

            return fields;
        }
    }

    private static (int From, int To) Range(string text)
    {
        var parts = text.Split(',');
        int Parse(string s, int fallback) => s.Trim().Length == 0 ? fallback : int.Parse(s, System.Globalization.CultureInfo.InvariantCulture);
        return parts.Length == 1 ? (0, Parse(parts[0], int.MaxValue)) : (Parse(parts[0], 0), Parse(parts[1], int.MaxValue));
    }

    private static void Expect(string tree, ref int position, char expected)
    {
        if (position >= tree.Length || tree[position] != expected)
        {
            throw new FormatException($"expected '{expected}' at {position} in tree '{tree}'");
        }

        position++;
    }

    private sealed record Field(Dictionary<string, Field>? Children, (int From, int To)? Range);
}
