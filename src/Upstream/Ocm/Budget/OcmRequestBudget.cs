namespace AddonGrains.Upstream.Ocm.Budget;

/// <summary>
/// This silo's part of the request budget of one OCM environment, shared by every organization (and every client) of
/// the silo: at most <see cref="Share"/> requests in flight, at most <see cref="RequestsPerSecond"/> started per
/// second, and nothing at all while a 429's <c>Retry-After</c> pause lasts. Real OCM rate-limits per account, so one
/// organization's 429 slows every organization of that environment.
/// Standalone (no cluster) the share is the whole configured budget; in a silo the cluster budget agent sets it from
/// the leases of the cluster-wide budget (docs/decisions.md, "One OCM budget for the whole cluster").
/// The hot path takes one short lock per request and makes no remote call.
/// </summary>
public sealed class OcmRequestBudget : IDisposable
{
    private readonly TimeProvider _clock;
    private readonly Lock _lock = new();
    private readonly SlotWaiters _queue;
    private readonly CancellationTokenSource _closing = new();
    private readonly TaskCompletionSource _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly RetryAfterPause _pause;
    private readonly StartPacer _pacer;
    private int _share;
    private double? _requestsPerSecond;
    private int _inFlight;
    private int _peakInFlight;
    private int _waiting;
    private int _maxConcurrency;
    private bool _closed;
    private double? _maxRequestsPerSecond;

    public OcmRequestBudget(string ocmName, int maxConcurrency, double? maxRequestsPerSecond, TimeProvider clock, bool coordinated = false)
    {
        OcmName = ocmName;
        _clock = clock;
        _queue = new SlotWaiters(_lock);
        _pause = new RetryAfterPause(clock);
        _pacer = new StartPacer(clock);
        Coordinated = coordinated;
        Configure(maxConcurrency, maxRequestsPerSecond);
    }

    /// <summary>Raised when a response of this silo starts a 429 pause (not when a pause is passed on from another silo).</summary>
    public event Action<OcmRequestBudget, TimeSpan>? PausedByResponse;

    /// <summary>Raised (cheaply, possibly often) when a request has to wait for a slot while the share is below the budget.</summary>
    public event Action<OcmRequestBudget>? ShareWanted;

    public string OcmName { get; }

    /// <summary>True when the share comes from the cluster-wide budget instead of being the whole budget.</summary>
    public bool Coordinated { get; private set; }

    /// <summary>The configured budget of the environment (all silos together when coordinated).</summary>
    public int MaxConcurrency => Volatile.Read(ref _maxConcurrency);

    /// <summary>The configured rate cap of the environment (all silos together when coordinated), or null.</summary>
    public double? MaxRequestsPerSecond
    {
        get { lock (_lock) { return _maxRequestsPerSecond; } }
    }

    /// <summary>Requests this silo may have in flight now.</summary>
    public int Share => Volatile.Read(ref _share);

    /// <summary>Requests per second this silo may start now, or null for no cap.</summary>
    public double? RequestsPerSecond
    {
        get { lock (_lock) { return _requestsPerSecond; } }
    }

    /// <summary>Requests holding a slot now.</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>The most requests that held a slot at once since the start (or <see cref="ResetPeak"/>).</summary>
    public int PeakInFlight => Volatile.Read(ref _peakInFlight);

    /// <summary>Requests waiting for a slot, the rate or the end of a pause.</summary>
    public int Waiting => Volatile.Read(ref _waiting);

    /// <summary>Requests that hold or want a slot: what the silo asks the cluster budget for.</summary>
    public int Demand => InFlight + Waiting;

    /// <summary>True once <see cref="Close"/> was called: no request is sent any more.</summary>
    public bool Closed => Volatile.Read(ref _closed);

    /// <summary>When the current 429 pause ends, or null when the environment is not paused.</summary>
    public DateTimeOffset? PausedUntil => _pause.Until;

    public void ResetPeak() => Interlocked.Exchange(ref _peakInFlight, InFlight);

    /// <summary>Takes a (reloaded) configured budget; standalone, the share follows it.</summary>
    public void Configure(int maxConcurrency, double? maxRequestsPerSecond)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxConcurrency, 1);
        if (maxRequestsPerSecond is { } rate)
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(rate, 0);
        }
        lock (_lock)
        {
            Volatile.Write(ref _maxConcurrency, maxConcurrency);
            _maxRequestsPerSecond = maxRequestsPerSecond;
        }
        if (!Coordinated)
        {
            SetShare(maxConcurrency, maxRequestsPerSecond);
        }
    }

    /// <summary>From now on the share comes from the cluster budget; until the first lease, nothing is sent.</summary>
    public void Coordinate()
    {
        Coordinated = true;
        SetShare(0, RequestsPerSecond);
    }

    /// <summary>Sets this silo's share: slots beyond a smaller share are not handed out again once they are given back.</summary>
    public void SetShare(int slots, double? requestsPerSecond)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(slots);
        lock (_lock)
        {
            if (Closed)
            {
                return;
            }
            _share = slots;
            _requestsPerSecond = requestsPerSecond;
            _pacer.SetRate(requestsPerSecond);
            WakeWaiters();
        }
    }

    /// <summary>Waits for the pause to end, the rate and a slot; dispose the result to give the slot back.</summary>
    public async ValueTask<Lease> AcquireAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _waiting);
        try
        {
            await WaitWhilePausedAsync(cancellationToken).ConfigureAwait(false);
            await TakeSlotAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Decrement(ref _waiting);
        }
        try
        {
            await _pacer.WaitForTurnAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            Release();
            throw;
        }
        return new Lease(this);
    }

    /// <summary>Stops every request of this environment until <paramref name="retryAfter"/> has passed (a later pause wins).</summary>
    public void Pause(TimeSpan retryAfter) => _pause.Extend(retryAfter);

    /// <summary>A 429 answered to this silo: pauses here at once and tells the cluster (<see cref="PausedByResponse"/>).</summary>
    public void PauseFromResponse(TimeSpan retryAfter)
    {
        Pause(retryAfter);
        PausedByResponse?.Invoke(this, retryAfter);
    }

    /// <summary>
    /// The silo is stopping and gives its share back: waiting requests and every later one fail at once with an
    /// <see cref="OcmException"/> (a grain still running its last check must not wait for a share that never comes);
    /// requests already sent finish. <see cref="WaitForDrainAsync"/> returns when the last of them has.
    /// </summary>
    public void Close()
    {
        lock (_lock)
        {
            if (Closed)
            {
                return;
            }
            Volatile.Write(ref _closed, true);
            _share = 0;
            _queue.FailAll(ClosedError);
            if (_inFlight == 0)
            {
                _drained.TrySetResult();
            }
        }
        // Outside the lock: a pause wait that ends here runs on to its caller.
        _closing.Cancel();
    }

    /// <summary>After <see cref="Close"/>: returns when no request of this silo is in flight (or at <paramref name="timeout"/>).</summary>
    public Task WaitForDrainAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        _drained.Task.WaitAsync(timeout, _clock, cancellationToken);

    public void Dispose()
    {
        lock (_lock)
        {
            _queue.FailAll(() => new ObjectDisposedException(nameof(OcmRequestBudget)));
        }
    }

    /// <summary>Returns when no 429 pause is in force (at once when there is none); fails once the budget is closed.</summary>
    public async ValueTask WaitWhilePausedAsync(CancellationToken cancellationToken)
    {
        while (PausedUntil is { } until)
        {
            var left = until - _clock.GetUtcNow();
            if (left > TimeSpan.Zero)
            {
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _closing.Token);
                try
                {
                    await Task.Delay(left, _clock, wait.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (Closed && !cancellationToken.IsCancellationRequested)
                {
                    throw ClosedError();
                }
            }
        }
    }

    private OcmException ClosedError() =>
        new($"OCM '{OcmName}': this silo is stopping and hands its share of the OCM budget back to the cluster; the request was not sent");

    private ValueTask TakeSlotAsync(CancellationToken cancellationToken)
    {
        LinkedListNode<TaskCompletionSource> node;
        lock (_lock)
        {
            if (Closed)
            {
                throw ClosedError();
            }
            if (_queue.Count == 0 && _inFlight < _share)
            {
                TookSlot();
                return ValueTask.CompletedTask;
            }
            node = _queue.Enter();
        }
        if (Coordinated && Share < MaxConcurrency)
        {
            ShareWanted?.Invoke(this);
        }
        return new ValueTask(_queue.WaitAsync(node, cancellationToken));
    }

    // Under _lock.
    private void TookSlot()
    {
        var now = ++_inFlight;
        Volatile.Write(ref _inFlight, now);
        if (now > _peakInFlight)
        {
            Volatile.Write(ref _peakInFlight, now);
        }
    }

    // Under _lock: hands free slots of the share to the oldest waiters.
    private void WakeWaiters()
    {
        while (_inFlight < _share && _queue.Count > 0)
        {
            TookSlot();
            _queue.LetFirstIn();
        }
    }

    private void Release()
    {
        lock (_lock)
        {
            Volatile.Write(ref _inFlight, _inFlight - 1);
            WakeWaiters();
            if (_inFlight == 0 && Closed)
            {
                _drained.TrySetResult();
            }
        }
    }

    /// <summary>One request's slot.</summary>
    public readonly struct Lease(OcmRequestBudget budget) : IDisposable
    {
        public void Dispose() => budget.Release();
    }
}
