namespace AddonGrains.Grains.Rollouts;

/// <summary>
/// Which trigger records a rollout shows and keeps. Pure: newest first is by event number (strictly growing per
/// rollout), then trigger id, so pages never overlap or skip, whatever the clock did.
/// </summary>
internal static class RolloutHistory
{
    /// <summary>The records newest first.</summary>
    public static IEnumerable<TriggerRecord> NewestFirst(IEnumerable<TriggerRecord> records) =>
        records.OrderByDescending(r => r.Event.Number).ThenByDescending(r => r.TriggerId, StringComparer.Ordinal);

    /// <summary>
    /// One page: at most <paramref name="limit"/> records older than <paramref name="before"/> (null: from the newest).
    /// Null when <paramref name="before"/> is not one of the records.
    /// </summary>
    public static (TriggerRecord[] Rows, bool HasMore)? Page(IEnumerable<TriggerRecord> records, int limit, string? before)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        var ordered = NewestFirst(records).ToArray();
        var start = 0;
        if (before is not null)
        {
            var index = Array.FindIndex(ordered, r => r.TriggerId == before);
            if (index < 0)
            {
                return null;
            }

            start = index + 1;
        }

        var rows = ordered.Skip(start).Take(limit).ToArray();
        return (rows, start + rows.Length < ordered.Length);
    }

    /// <summary>
    /// A page as the CLI asks for it (<c>history --limit --before</c>): its rows, or why there is none (a limit below 1,
    /// or <paramref name="before"/> not in the history of <paramref name="rolloutKey"/>, which keeps the last <paramref name="keep"/> events).
    /// </summary>
    public static ((TriggerRecord[] Rows, bool HasMore)? Page, string? Refusal) Read(IEnumerable<TriggerRecord> records, int limit, string? before,
        string rolloutKey, int keep) =>
        limit < 1 ? (null, $"the limit must be at least 1 (got {limit})")
        : Page(records, limit, before) is { } page ? (page, null)
        : (null, $"trigger '{before}' is not in the history of {rolloutKey} (it keeps the last {keep} events)");

    /// <summary>The records to drop once their trigger grains retired: handed over, and of events older than the newest <paramref name="keep"/>.</summary>
    public static TriggerRecord[] ToRetire(IEnumerable<TriggerRecord> records, int keep) => [.. BeyondKept(records, keep).Where(r => r.Submitted)];

    /// <summary>The records of events older than the newest <paramref name="keep"/> events: candidates to drop.</summary>
    public static TriggerRecord[] BeyondKept(IEnumerable<TriggerRecord> records, int keep)
    {
        var list = records as IReadOnlyCollection<TriggerRecord> ?? [.. records];
        var kept = list.Select(r => r.Event.Number).Distinct().OrderDescending().Take(keep).ToHashSet();
        return [.. list.Where(r => !kept.Contains(r.Event.Number))];
    }
}
