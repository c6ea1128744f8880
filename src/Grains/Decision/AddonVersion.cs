using System.Globalization;
using System.Text.RegularExpressions;

namespace AddonGrains.Grains.Decision;

/// <summary>
/// Semantic-version order for add-on versions (<c>2.9.0</c>, <c>v2.10.1-rc.1</c>, <c>4.15</c>). Versions that do
/// not parse are not comparable: a change between them has direction <c>change</c>.
/// </summary>
public static partial class AddonVersion
{
    /// <summary>-1, 0 or 1 when both parse as semantic versions; null when they are not comparable.</summary>
    public static int? Compare(string a, string b)
    {
        if (!TryParse(a, out var x) || !TryParse(b, out var y))
        {
            return null;
        }

        for (var i = 0; i < Math.Max(x.Numbers.Length, y.Numbers.Length); i++)
        {
            var c = (i < x.Numbers.Length ? x.Numbers[i] : 0).CompareTo(i < y.Numbers.Length ? y.Numbers[i] : 0);
            if (c != 0)
            {
                return Math.Sign(c);
            }
        }

        return ComparePrerelease(x.Prerelease, y.Prerelease);
    }

    /// <summary>A total order for picking the highest version seen: semantic where possible, ordinal otherwise.</summary>
    public static int CompareForOrdering(string a, string b) =>
        Compare(a, b) ?? (TryParse(a, out _) ? 1 : TryParse(b, out _) ? -1 : Math.Sign(string.CompareOrdinal(a, b)));

    private static int ComparePrerelease(string? a, string? b)
    {
        // A version without a pre-release tag ranks above the same version with one (1.0.0 > 1.0.0-rc.1).
        if (a is null || b is null)
        {
            return a is null && b is null ? 0 : a is null ? 1 : -1;
        }

        var xs = a.Split('.');
        var ys = b.Split('.');
        for (var i = 0; i < Math.Min(xs.Length, ys.Length); i++)
        {
            var xNumeric = long.TryParse(xs[i], NumberStyles.None, CultureInfo.InvariantCulture, out var xn);
            var yNumeric = long.TryParse(ys[i], NumberStyles.None, CultureInfo.InvariantCulture, out var yn);
            var c = (xNumeric, yNumeric) switch
            {
                (true, true) => xn.CompareTo(yn),
                (true, false) => -1,
                (false, true) => 1,
                _ => string.CompareOrdinal(xs[i], ys[i]),
            };
            if (c != 0)
            {
                return Math.Sign(c);
            }
        }

        return xs.Length.CompareTo(ys.Length);
    }

    private static bool TryParse(string text, out (long[] Numbers, string? Prerelease) version)
    {
        version = default;
        var match = Pattern().Match(text);
        if (!match.Success)
        {
            return false;
        }

        var numbers = match.Groups["core"].Value.Split('.');
        var parsed = new long[numbers.Length];
        for (var i = 0; i < numbers.Length; i++)
        {
            if (!long.TryParse(numbers[i], NumberStyles.None, CultureInfo.InvariantCulture, out parsed[i]))
            {
                return false;
            }
        }

        version = (parsed, match.Groups["pre"].Success ? match.Groups["pre"].Value : null);
        return true;
    }

    [GeneratedRegex(@"^v?(?<core>[0-9]+(\.[0-9]+){1,3})(-(?<pre>[0-9A-Za-z.-]+))?(\+[0-9A-Za-z.-]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
