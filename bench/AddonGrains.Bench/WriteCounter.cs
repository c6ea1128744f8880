namespace AddonGrains.Bench;

/// <summary>Grain storage operations seen by <see cref="CountingGrainStorage"/>, shared by every wrapped provider.</summary>
internal sealed class WriteCounter
{
    private long _writes;
    private long _reads;
    private long _clears;

    public long Writes => Interlocked.Read(ref _writes);

    public long Reads => Interlocked.Read(ref _reads);

    public long Clears => Interlocked.Read(ref _clears);

    public void Write() => Interlocked.Increment(ref _writes);

    public void Read() => Interlocked.Increment(ref _reads);

    public void Clear() => Interlocked.Increment(ref _clears);
}
