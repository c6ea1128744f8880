using System.Threading.RateLimiting;

namespace AddonGrains.Upstream.Ocm.Budget;

/// <summary>
/// The request budget of one OCM environment, shared by every organization (and every client) of the silo: at
/// most <c>maxConcurrency</c> requests in flight, optionally at most <c>maxRequestsPerSecond</c> started per second,
/// and nothing at all while a 429's <c>Retry-After</c> pause lasts. Real OCM rate-limits per account, so one
/// organization's 429 slows every organization of that environment.
/// </summary>
internal sealed class OcmRequestBudget : IDisposable
{
    private readonly SemaphoreSlim _slots;
    private readonly RateLimiter? _rate;
    private readonly TimeProvider _clock;
    private long _pausedUntilTicks;
    private int _inFlight;
    private int _peakInFlight;
    private int _waiting;

    public OcmRequestBudget(string ocmName, int maxConcurrency, double? maxRequestsPerSecond, TimeProvider clock)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxConcurrency, 1);
        OcmName = ocmName;
        MaxConcurrency = maxConcurrency;
        _slots = new SemaphoreSlim(maxConcurrency, maxConcurrency);
        _clock = clock;
        if (maxRequestsPerSecond is { } rate)
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(rate, 0);
            // One token per request; the bucket refills 10 times a second so the rate stays smooth.
            var perTick = Math.Max(1, (int)Math.Round(rate / 10));
            _rate = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
            {
                TokenLimit = perTick,
                TokensPerPeriod = perTick,
                ReplenishmentPeriod = TimeSpan.FromSeconds(perTick / rate),
                QueueLimit = int.MaxValue,
                QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                AutoReplenishment = true,
            });
        }
    }

    public string OcmName { get; }

    public int MaxConcurrency { get; }

    /// <summary>Requests holding a slot now.</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>The most requests that held a slot at once since the start (or <see cref="ResetPeak"/>).</summary>
    public int PeakInFlight => Volatile.Read(ref _peakInFlight);

    /// <summary>Requests waiting for a slot, the rate or the end of a pause.</summary>
    public int Waiting => Volatile.Read(ref _waiting);

    /// <summary>When the current 429 pause ends, or null when the environment is not paused.</summary>
    public DateTimeOffset? PausedUntil
    {
        get
        {
            var ticks = Interlocked.Read(ref _pausedUntilTicks);
            return ticks > _clock.GetUtcNow().UtcTicks ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;
        }
    }

    public void ResetPeak() => Interlocked.Exchange(ref _peakInFlight, InFlight);

    /// <summary>Waits for the pause to end, a rate token and a slot; dispose the result to give the slot back.</summary>
    public async ValueTask<Lease> AcquireAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _waiting);
        try
        {
            await WaitWhilePausedAsync(cancellationToken).ConfigureAwait(false);
            if (_rate is not null)
            {
                using var token = await _rate.AcquireAsync(1, cancellationToken).ConfigureAwait(false);
                if (!token.IsAcquired)
                {
                    throw new InvalidOperationException($"OCM '{OcmName}': the request rate limiter refused a request.");
                }
            }
            await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Decrement(ref _waiting);
        }
        var now = Interlocked.Increment(ref _inFlight);
        for (var peak = PeakInFlight; now > peak && Interlocked.CompareExchange(ref _peakInFlight, now, peak) != peak; peak = PeakInFlight)
        {
        }
        return new Lease(this);
    }

    /// <summary>Stops every request of this environment until <paramref name="retryAfter"/> has passed (a later pause wins).</summary>
    public void Pause(TimeSpan retryAfter)
    {
        var until = _clock.GetUtcNow().UtcTicks + retryAfter.Ticks;
        for (var current = Interlocked.Read(ref _pausedUntilTicks);
             until > current && Interlocked.CompareExchange(ref _pausedUntilTicks, until, current) != current;
             current = Interlocked.Read(ref _pausedUntilTicks))
        {
        }
    }

    public void Dispose()
    {
        _slots.Dispose();
        _rate?.Dispose();
    }

    /// <summary>Returns when no 429 pause is in force (at once when there is none).</summary>
    public async ValueTask WaitWhilePausedAsync(CancellationToken cancellationToken)
    {
        while (PausedUntil is { } until)
        {
            var left = until - _clock.GetUtcNow();
            if (left > TimeSpan.Zero)
            {
                await Task.Delay(left, _clock, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private void Release()
    {
        Interlocked.Decrement(ref _inFlight);
        _slots.Release();
    }

    /// <summary>One request's slot.</summary>
    public readonly struct Lease(OcmRequestBudget budget) : IDisposable
    {
        public void Dispose() => budget.Release();
    }
}
