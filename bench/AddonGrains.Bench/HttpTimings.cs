namespace AddonGrains.Bench;

/// <summary>
/// Stopwatch instrumentation of every outgoing HTTP request (outermost handler of every IHttpClientFactory client):
/// how long requests take as the caller sees them and how many are in flight at once.
/// </summary>
internal sealed class HttpTimings
{
    private readonly Lock _lock = new();
    private long _count;
    private long _totalTicks;
    private int _inFlight;
    private int _maxInFlight;
    private long _inFlightTicksSum;

    public void Reset()
    {
        lock (_lock)
        {
            (_count, _totalTicks, _maxInFlight, _inFlightTicksSum) = (0, 0, _inFlight, 0);
        }
    }

    public (long Count, double MeanMs, int MaxInFlight, double MeanInFlight) Snapshot()
    {
        lock (_lock)
        {
            var mean = _count == 0 ? 0 : TimeSpan.FromTicks(_totalTicks / _count).TotalMilliseconds;
            var inFlight = _count == 0 ? 0 : (double)_inFlightTicksSum / _count;
            return (_count, mean, _maxInFlight, inFlight);
        }
    }

    public DelegatingHandler CreateHandler() => new TimingHandler(this);

    private int Started()
    {
        lock (_lock)
        {
            _inFlight++;
            _maxInFlight = Math.Max(_maxInFlight, _inFlight);
            return _inFlight;
        }
    }

    private void Finished(TimeSpan elapsed, int inFlightAtStart)
    {
        lock (_lock)
        {
            _inFlight--;
            _count++;
            _totalTicks += elapsed.Ticks;
            _inFlightTicksSum += inFlightAtStart;
        }
    }

    private sealed class TimingHandler(HttpTimings timings) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var inFlight = timings.Started();
            var started = Stopwatch.GetTimestamp();
            try
            {
                return await base.SendAsync(request, cancellationToken);
            }
            finally
            {
                timings.Finished(Stopwatch.GetElapsedTime(started), inFlight);
            }
        }
    }
}
