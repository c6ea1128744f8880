namespace AddonGrains.Upstream.Ocm.Budget;

/// <summary>
/// Spaces request starts evenly to honour a requests-per-second cap: each start takes the next free instant, one
/// interval after the previous one. Without a cap (null or 0), every start goes at once. Lock-free.
/// </summary>
internal sealed class StartPacer(TimeProvider clock)
{
    private long _intervalTicks;
    private long _nextStartTicks;

    public void SetRate(double? requestsPerSecond) =>
        Interlocked.Exchange(ref _intervalTicks,
            requestsPerSecond is { } rate && rate > 0 ? Math.Max(1, (long)(TimeSpan.TicksPerSecond / rate)) : 0);

    /// <summary>Returns at this request's start instant.</summary>
    public async ValueTask WaitForTurnAsync(CancellationToken cancellationToken)
    {
        var interval = Interlocked.Read(ref _intervalTicks);
        if (interval == 0)
        {
            return;
        }
        var now = clock.GetUtcNow().UtcTicks;
        long start;
        for (var next = Interlocked.Read(ref _nextStartTicks); ; next = Interlocked.Read(ref _nextStartTicks))
        {
            start = Math.Max(now, next);
            if (Interlocked.CompareExchange(ref _nextStartTicks, start + interval, next) == next)
            {
                break;
            }
        }
        if (start > now)
        {
            await Task.Delay(TimeSpan.FromTicks(start - now), clock, cancellationToken).ConfigureAwait(false);
        }
    }
}
