using System.Collections.Concurrent;

namespace AddonGrains.Testing;

/// <summary>Grain storage operations seen by <see cref="CountingGrainStorage"/>: totals, and writes per grain.</summary>
public sealed class StorageCounter
{
    private readonly ConcurrentDictionary<string, int> _writesPerGrain = new(StringComparer.Ordinal);
    private long _writes;
    private long _reads;
    private long _clears;

    public long Writes => Interlocked.Read(ref _writes);

    public long Reads => Interlocked.Read(ref _reads);

    public long Clears => Interlocked.Read(ref _clears);

    /// <summary>Writes of the grains whose id ends with <paramref name="grainIdSuffix"/>.</summary>
    public int WritesOf(string grainIdSuffix) =>
        _writesPerGrain.Where(w => w.Key.EndsWith(grainIdSuffix, StringComparison.Ordinal)).Sum(w => w.Value);

    public void Write(GrainId grainId)
    {
        Interlocked.Increment(ref _writes);
        _writesPerGrain.AddOrUpdate(grainId.ToString(), 1, (_, n) => n + 1);
    }

    public void Read() => Interlocked.Increment(ref _reads);

    public void Clear() => Interlocked.Increment(ref _clears);
}
