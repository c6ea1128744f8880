namespace AddonGrains.Grains.Registry;

/// <summary>
/// Which of two configurations is newer, when the only facts are content hashes: the registry's applied hash and
/// the hashes it replaced. Pure code (docs/decisions.md "Configuration versions").
/// </summary>
internal static class ConfigOrder
{
    /// <summary>How many replaced hashes the registry remembers.</summary>
    public const int Remembered = 50;

    /// <summary>Null when <paramref name="proposed"/> may be applied, else why it is older than <paramref name="applied"/>.</summary>
    public static string? Refusal(ConfigVersion proposed, string? applied, IReadOnlyCollection<string> superseded)
    {
        if (applied is null || proposed.Hash == applied || proposed.PreviousHash == applied)
        {
            // Nothing applied yet, the same configuration again, or an edit of the applied one (an edit back included).
            return null;
        }

        return superseded.Contains(proposed.Hash, StringComparer.Ordinal)
            ? $"configuration {proposed.Hash} is older than the cluster's {applied} (it was replaced); this silo keeps its own until its file catches up"
            : null;
    }

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
