namespace AddonGrains.Client;

/// <summary>
/// One row of <c>history</c>: a trigger (with who asked for it and why when it was a manual retrigger), or a
/// <c>baseline</c>, <c>pause</c> or <c>resume</c> (no trigger). Newest first.
/// </summary>
internal sealed record HistoryRow(TriggerSnapshot? Trigger, ManualActionEntry? Manual)
{
    public DateTimeOffset CreatedAt => Trigger?.Request.Event.At ?? Manual!.At;

    /// <summary>
    /// A page of triggers with the manual actions of its time span: baselines set after the page's oldest trigger
    /// (any age on the last page) and before <paramref name="newerThanPage"/> (the trigger the page is older than).
    /// </summary>
    public static ImmutableArray<HistoryRow> Page(TriggerHistoryPage page, IEnumerable<ManualActionEntry> manual, DateTimeOffset? newerThanPage)
    {
        var oldest = page.HasMore && page.Triggers.Length > 0 ? page.Triggers.Min(t => t.Request.Event.At) : DateTimeOffset.MinValue;
        var ids = page.Triggers.Select(t => t.Request.TriggerId).ToHashSet(StringComparer.Ordinal);
        return Merge(page.Triggers, manual.Where(m => m.TriggerId is { } id
            ? ids.Contains(id)
            : m.At >= oldest && (newerThanPage is not { } newest || m.At < newest)));
    }

    /// <summary>
    /// The triggers in the order the rollout gives them (newest event first), each with its manual action, and every
    /// baseline placed before the first trigger created earlier than it.
    /// </summary>
    public static ImmutableArray<HistoryRow> Merge(IEnumerable<TriggerSnapshot> triggers, IEnumerable<ManualActionEntry> manual)
    {
        var byTrigger = manual.Where(m => m.TriggerId is not null).GroupBy(m => m.TriggerId!).ToDictionary(g => g.Key, g => g.First());
        var baselines = new Queue<ManualActionEntry>(manual.Where(m => m.TriggerId is null).OrderByDescending(m => m.At));
        var rows = ImmutableArray.CreateBuilder<HistoryRow>();
        foreach (var trigger in triggers)
        {
            while (baselines.TryPeek(out var baseline) && baseline.At > trigger.Request.Event.At)
            {
                rows.Add(new HistoryRow(null, baselines.Dequeue()));
            }

            rows.Add(new HistoryRow(trigger, byTrigger.GetValueOrDefault(trigger.Request.TriggerId)));
        }

        rows.AddRange(baselines.Select(b => new HistoryRow(null, b)));
        return rows.ToImmutable();
    }
}
