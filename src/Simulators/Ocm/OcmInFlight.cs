namespace AddonGrains.Simulators.Ocm;

/// <summary>
/// API requests the simulator is working on (token requests excluded), counted from arrival until the answer
/// starts, and the most seen at once: what a shared client budget must keep at or below its limit.
/// </summary>
internal sealed class OcmInFlight
{
    private int _now;
    private int _peak;

    public int Now => Volatile.Read(ref _now);

    public int Peak => Volatile.Read(ref _peak);

    public void ResetPeak() => Interlocked.Exchange(ref _peak, Now);

    public Scope Enter()
    {
        var now = Interlocked.Increment(ref _now);
        for (var peak = Peak; now > peak && Interlocked.CompareExchange(ref _peak, now, peak) != peak; peak = Peak)
        {
        }
        return new Scope(this);
    }

    /// <summary>Leaves at most once, when the answer starts (or the request ends without one).</summary>
    public sealed class Scope(OcmInFlight counter) : IDisposable
    {
        private int _left;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _left, 1) == 0)
            {
                Interlocked.Decrement(ref counter._now);
            }
        }
    }
}
