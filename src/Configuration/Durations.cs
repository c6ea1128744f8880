using System.Globalization;
using System.Text.RegularExpressions;

namespace AddonGrains.Configuration;

/// <summary>Parses the configuration's durations: <c>500ms</c>, <c>30s</c>, <c>5m</c>, <c>24h</c>, <c>1d</c> and <c>hh:mm:ss</c>.</summary>
public static partial class Durations
{
    /// <summary>Parses <paramref name="text"/>; false when it is not one of the accepted forms.</summary>
    public static bool TryParse(string? text, out TimeSpan value)
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var match = UnitForm().Match(text.Trim());
        if (match.Success)
        {
            if (!long.TryParse(match.Groups["n"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n > 1_000_000)
            {
                return false;
            }

            value = match.Groups["u"].Value switch
            {
                "ms" => TimeSpan.FromMilliseconds(n),
                "s" => TimeSpan.FromSeconds(n),
                "m" => TimeSpan.FromMinutes(n),
                "h" => TimeSpan.FromHours(n),
                _ => TimeSpan.FromDays(n),
            };
            return true;
        }

        return ClockForm().IsMatch(text.Trim())
            && TimeSpan.TryParseExact(text.Trim(), @"hh\:mm\:ss", CultureInfo.InvariantCulture, out value);
    }

    /// <summary>Formats a duration the way the configuration writes it.</summary>
    public static string Format(TimeSpan value) => value switch
    {
        { TotalMilliseconds: 0 } => "0s",
        _ when value.TotalDays >= 1 && value.TotalDays == Math.Floor(value.TotalDays) => $"{value.TotalDays:0}d",
        _ when value.TotalHours >= 1 && value.TotalHours == Math.Floor(value.TotalHours) => $"{value.TotalHours:0}h",
        _ when value.TotalMinutes >= 1 && value.TotalMinutes == Math.Floor(value.TotalMinutes) => $"{value.TotalMinutes:0}m",
        _ when value.TotalSeconds == Math.Floor(value.TotalSeconds) => $"{value.TotalSeconds:0}s",
        _ => $"{value.TotalMilliseconds:0}ms",
    };

    [GeneratedRegex("^(?<n>[0-9]+)(?<u>ms|s|m|h|d)$", RegexOptions.CultureInvariant)]
    private static partial Regex UnitForm();

    [GeneratedRegex("^[0-9]{2}:[0-5][0-9]:[0-5][0-9]$", RegexOptions.CultureInvariant)]
    private static partial Regex ClockForm();
}
