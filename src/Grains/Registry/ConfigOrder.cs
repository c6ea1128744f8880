namespace AddonGrains.Grains.Registry;

/// <summary>
/// Which of two configurations is newer: by the app-interface bundles' commit times when both have one, else by
/// content hashes (the registry's applied hash and the hashes it replaced). Pure code (docs/decisions.md "Configuration versions").
/// </summary>
internal static class ConfigOrder
{
    /// <summary>How many replaced hashes the registry remembers.</summary>
    public const int Remembered = 50;

    /// <summary>Null when <paramref name="proposed"/> may be applied, else why it is older than <paramref name="applied"/>.</summary>
    public static string? Refusal(ConfigVersion proposed, string? applied, IReadOnlyCollection<string> superseded, long? appliedBundleTimestamp = null)
    {
        if (applied is null || proposed.Hash == applied)
        {
            return null; // nothing applied yet, or the same configuration again
        }

        if (proposed.BundleTimestamp is { } time && appliedBundleTimestamp is { } appliedTime && time != appliedTime)
        {
            // Two app-interface bundles: the commit time decides, whatever each silo saw before.
            return time < appliedTime
                ? $"configuration {proposed.Hash} comes from an app-interface bundle committed at {Format(time)}, older than the cluster's {applied} ({Format(appliedTime)}); this silo keeps its own until it reads the newer bundle"
                : null;
        }

        if (proposed.PreviousHash == applied)
        {
            return null; // an edit of the applied one (an edit back included)
        }

        return superseded.Contains(proposed.Hash, StringComparer.Ordinal)
            ? $"configuration {proposed.Hash} is older than the cluster's {applied} (it was replaced); this silo keeps its own until its file catches up"
            : null;
    }

    private static string Format(long unixSeconds) =>
        DateTimeOffset.FromUnixTimeSeconds(unixSeconds).ToString("yyyy-MM-dd HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The replaced hashes after <paramref name="applied"/> was replaced by <paramref name="next"/>.</summary>
    public static List<string> Supersede(List<string> superseded, string? applied, string next)
    {
        var result = superseded.Where(h => h != next && h != applied).ToList();
        if (applied is not null && applied != next)
        {
            result.Add(applied);
        }

        return result.Count > Remembered ? result[^Remembered..] : result;
    }
}
