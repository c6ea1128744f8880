using System.Collections.Immutable;

namespace AddonGrains.Silo.StatusPage;

/// <summary>
/// Reads every active organization × add-on (registry keys) with its status and only the triggers the page shows,
/// both side by side; the reads interleave with running checks, so a long check never holds the page.
/// </summary>
internal sealed class RolloutBoard(IGrainFactory grains)
{
    public const int TriggersShown = 5;

    private const int Concurrency = 8;

    public async Task<ImmutableArray<RolloutView>> ReadAsync(CancellationToken cancellationToken)
    {
        var keys = await grains.GetGrain<IRegistryGrain>(IRegistryGrain.Key).GetKeysAsync(cancellationToken);
        var views = new RolloutView[keys.Length];
        var options = new ParallelOptions { MaxDegreeOfParallelism = Concurrency, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(Enumerable.Range(0, keys.Length), options, async (i, ct) =>
        {
            var rollout = grains.GetGrain<IRolloutGrain>(keys[i]);
            var status = rollout.GetStatusAsync(ct);
            var history = rollout.GetHistoryPageAsync(TriggersShown, null, ct);
            views[i] = new RolloutView(keys[i], await status, [.. (await history).Triggers.Select(TriggerView.From)]);
        });
        return [.. views.OrderBy(v => v.Key, StringComparer.Ordinal)];
    }
}
