namespace AddonGrains.Client;

/// <summary>
/// One row of <c>history</c>: a trigger (with who asked for it and why when it was a manual retrigger), or a
/// <c>baseline</c> an operator set (no trigger). Newest first.
/// </summary>
internal sealed record HistoryRow(TriggerSnapshot? Trigger, ManualActionEntry? Manual)
{
    public DateTimeOffset CreatedAt => Trigger?.CreatedAt ?? Manual!.At;

    public static ImmutableArray<HistoryRow> Merge(IEnumerable<TriggerSnapshot> triggers, IEnumerable<ManualActionEntry> manual)
    {
        var byTrigger = manual.Where(m => m.TriggerId is not null).GroupBy(m => m.TriggerId!).ToDictionary(g => g.Key, g => g.First());
        return [.. triggers.Select(t => new HistoryRow(t, byTrigger.GetValueOrDefault(t.TriggerId)))
            .Concat(manual.Where(m => m.Action == ManualActionEntry.Baseline).Select(m => new HistoryRow(null, m)))
            .OrderByDescending(r => r.CreatedAt)
            .ThenByDescending(r => r.Trigger?.TriggerId, StringComparer.Ordinal)];
    }
}
