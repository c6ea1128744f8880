using System.Globalization;

namespace AddonGrains.Client;

/// <summary>Times as the CLI prints them: ISO-8601 in UTC with a <c>Z</c>, fractions only when present.</summary>
internal static class Iso
{
    public static string? Format(DateTimeOffset? value) =>
        value?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    /// <summary>The shorter form for tables (seconds precision).</summary>
    public static string Short(DateTimeOffset? value) =>
        value?.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? "-";
}
