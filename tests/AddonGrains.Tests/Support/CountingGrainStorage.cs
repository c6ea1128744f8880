using System.Collections.Concurrent;
using Orleans.Storage;

namespace AddonGrains.Tests.Support;

/// <summary>Wraps Orleans' memory storage and counts writes per grain id, so tests can assert "no write in steady state".</summary>
public sealed class CountingGrainStorage(IGrainStorage inner) : IGrainStorage
{
    public static readonly ConcurrentDictionary<string, int> Writes = new();

    public static int WritesOf(string grainIdSuffix) => Writes.Where(w => w.Key.EndsWith(grainIdSuffix, StringComparison.Ordinal)).Sum(w => w.Value);

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => inner.ReadStateAsync(stateName, grainId, grainState);

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        Writes.AddOrUpdate(grainId.ToString(), 1, (_, n) => n + 1);
        return inner.WriteStateAsync(stateName, grainId, grainState);
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => inner.ClearStateAsync(stateName, grainId, grainState);
}
