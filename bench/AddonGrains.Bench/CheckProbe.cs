namespace AddonGrains.Bench;

/// <summary>Wall time, CPU time, allocations and collections of one measured section of this process.</summary>
internal sealed class CheckProbe
{
    private readonly Stopwatch _wall = Stopwatch.StartNew();
    private readonly TimeSpan _cpu = Process.GetCurrentProcess().TotalProcessorTime;
    private readonly long _allocated = GC.GetTotalAllocatedBytes(precise: false);
    private readonly int _gen0 = GC.CollectionCount(0);
    private readonly int _gen2 = GC.CollectionCount(2);

    public double WallSeconds { get; private set; }

    public double CpuSeconds { get; private set; }

    public double AllocatedMb { get; private set; }

    public int Gen0 { get; private set; }

    public int Gen2 { get; private set; }

    public CheckProbe Stop()
    {
        WallSeconds = _wall.Elapsed.TotalSeconds;
        CpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - _cpu).TotalSeconds;
        AllocatedMb = (GC.GetTotalAllocatedBytes(precise: false) - _allocated) / (1024.0 * 1024.0);
        Gen0 = GC.CollectionCount(0) - _gen0;
        Gen2 = GC.CollectionCount(2) - _gen2;
        return this;
    }
}
