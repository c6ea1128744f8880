using System.Collections.Immutable;

namespace AddonGrains.Silo.StatusPage;

/// <summary>Reads every active organization × add-on (registry keys) with its status and latest triggers.</summary>
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
            var status = await rollout.GetStatusAsync(ct);
            var history = await rollout.GetHistoryAsync(ct);
            views[i] = new RolloutView(keys[i], status, [.. history.Take(TriggersShown)]);
        });
        return [.. views.OrderBy(v => v.Key, StringComparer.Ordinal)];
    }
}
