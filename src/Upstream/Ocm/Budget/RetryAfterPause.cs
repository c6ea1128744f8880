namespace AddonGrains.Upstream.Ocm.Budget;

/// <summary>
/// The 429 pause of one OCM environment on this silo: when it ends. A later end wins over an earlier one, so a pause
/// passed on from another silo never shortens one this silo was told itself. Lock-free: read on every request.
/// </summary>
internal sealed class RetryAfterPause(TimeProvider clock)
{
    private long _untilTicks;

    /// <summary>When the pause ends, or null when none is in force.</summary>
    public DateTimeOffset? Until
    {
        get
        {
            var ticks = Interlocked.Read(ref _untilTicks);
            return ticks > clock.GetUtcNow().UtcTicks ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;
        }
    }

    /// <summary>Pauses until <paramref name="retryAfter"/> from now, unless a pause already lasts longer.</summary>
    public void Extend(TimeSpan retryAfter)
    {
        var until = clock.GetUtcNow().UtcTicks + retryAfter.Ticks;
        for (var current = Interlocked.Read(ref _untilTicks);
             until > current && Interlocked.CompareExchange(ref _untilTicks, until, current) != current;
             current = Interlocked.Read(ref _untilTicks))
        {
        }
    }
}
