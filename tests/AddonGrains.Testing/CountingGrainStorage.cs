using Orleans.Storage;

namespace AddonGrains.Testing;

/// <summary>Wraps a real grain storage (memory or PostgreSQL) and reports every operation to a <see cref="StorageCounter"/>.</summary>
public sealed class CountingGrainStorage(IGrainStorage inner, StorageCounter counter) : IGrainStorage
{
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        counter.Read();
        return inner.ReadStateAsync(stateName, grainId, grainState);
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        counter.Write(grainId);
        return inner.WriteStateAsync(stateName, grainId, grainState);
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        counter.Clear();
        return inner.ClearStateAsync(stateName, grainId, grainState);
    }
}
