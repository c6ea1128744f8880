using Orleans.Storage;

namespace AddonGrains.Bench;

/// <summary>Counts the operations of the real provider (memory or PostgreSQL) registered under another name.</summary>
internal sealed class CountingGrainStorage(IGrainStorage inner, WriteCounter counter) : IGrainStorage
{
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        counter.Read();
        return inner.ReadStateAsync(stateName, grainId, grainState);
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        counter.Write();
        return inner.WriteStateAsync(stateName, grainId, grainState);
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        counter.Clear();
        return inner.ClearStateAsync(stateName, grainId, grainState);
    }
}
