using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AddonGrains.Grains.Budget;

/// <summary>
/// The cluster-wide request budget of one OCM environment. Each silo renews a lease on a share of it about once a
/// second (and sooner when its requests wait); the shares follow the silos' demand (<see cref="OcmShares.Targets"/>),
/// and a share only moves to another silo once the silo that had it has reported giving it back, so the silos
/// together never hold more than the budget. A silo whose lease ran out counts with its safe fallback share while it
/// is a live cluster member and with nothing once membership declares it dead. A 429 pause is passed on to every silo.
/// State is in memory: a new activation grants nobody more than it already holds until every live silo has renewed
/// (or one lease has passed), so leases handed out by an earlier activation are respected.
/// </summary>
internal sealed partial class OcmBudgetGrain(
    IClusterMembershipService membership,
    IOptions<OcmBudgetOptions> options,
    [FromKeyedServices(Clock.Key)] TimeProvider clock,
    ILogger<OcmBudgetGrain> logger) : Grain, IOcmBudgetGrain
{
    private static readonly long NudgeEveryMs = 20;
    private readonly Dictionary<SiloAddress, Holder> _holders = [];
    private int _budget = 1;
    private double? _rate;
    private DateTimeOffset _pausedUntil;
    private DateTimeOffset _warmUntil;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _warmUntil = clock.GetUtcNow() + options.Value.LeaseDuration;
        return Task.CompletedTask;
    }

    public Task<OcmBudgetGrant> RenewAsync(OcmBudgetRenewal renewal)
    {
        ArgumentNullException.ThrowIfNull(renewal);
        var now = clock.GetUtcNow();
        _budget = renewal.MaxConcurrency;
        _rate = renewal.MaxRequestsPerSecond;
        if (!_holders.TryGetValue(renewal.Silo, out var self))
        {
            self = new Holder(renewal.Silo);
            _holders.Add(renewal.Silo, self);
        }
        self.Applied = renewal.Applied;
        self.InFlight = renewal.InFlight;
        self.Demand = renewal.Demand;
        self.Observer = renewal.Observer ?? self.Observer;
        self.Expires = now + options.Value.LeaseDuration;

        var snapshot = membership.CurrentSnapshot;
        ForgetDead(snapshot);
        var live = LiveSilos(snapshot);
        var ordered = _holders.Values.OrderBy(h => h.WaitingSince ?? DateTimeOffset.MaxValue).ThenBy(h => h.Silo.ToParsableString(), StringComparer.Ordinal).ToList();
        var targets = OcmShares.Targets(_budget, [.. ordered.Select(h => h.Expired(now) ? 0 : h.Demand)]);
        for (var i = 0; i < ordered.Count; i++)
        {
            ordered[i].Target = targets[i];
        }

        var others = _holders.Values.Where(h => h != self).Sum(h => h.Bound(now, _budget, live));
        var grant = Math.Clamp(self.Target, 0, Math.Max(0, _budget - others));
        var warming = now < _warmUntil && snapshot.Members.Values.Any(m => m.Status == SiloStatus.Active && !_holders.ContainsKey(m.SiloAddress));
        if (warming)
        {
            grant = Math.Min(grant, renewal.Applied);
        }
        self.Granted = grant;
        self.WaitingSince = grant == 0 && self.Demand > 0 ? self.WaitingSince ?? now : null;
        NudgeOthers(self, now, _budget - others - self.Bound(now, _budget, live));

        var pauseLeft = _pausedUntil > now ? _pausedUntil - now : TimeSpan.Zero;
        return Task.FromResult(new OcmBudgetGrant(grant, OcmShares.Rate(_rate, grant, _budget), options.Value.LeaseDuration, pauseLeft));
    }

    public Task ReportPauseAsync(SiloAddress silo, TimeSpan retryAfter)
    {
        var until = clock.GetUtcNow() + retryAfter;
        if (until <= _pausedUntil)
        {
            return Task.CompletedTask;
        }
        _pausedUntil = until;
        LogPause(logger, this.GetPrimaryKeyString(), silo, retryAfter);
        var name = this.GetPrimaryKeyString();
        foreach (var holder in _holders.Values)
        {
            if (!holder.Silo.Equals(silo) && holder.Observer is { } observer)
            {
                // One-way: returns at once; a silo that does not get it learns the pause from its next renewal.
                _ = observer.PauseAsync(name, retryAfter);
            }
        }
        return Task.CompletedTask;
    }

    public Task ReleaseAsync(SiloAddress silo)
    {
        _holders.Remove(silo);
        return Task.CompletedTask;
    }

    public Task<ImmutableArray<OcmBudgetLease>> GetLeasesAsync()
    {
        var now = clock.GetUtcNow();
        var live = LiveSilos(membership.CurrentSnapshot);
        return Task.FromResult<ImmutableArray<OcmBudgetLease>>(
            [.. _holders.Values.Select(h => new OcmBudgetLease(h.Silo, h.Granted, h.Bound(now, _budget, live), h.Demand, h.Expired(now)))]);
    }

    private static int LiveSilos(ClusterMembershipSnapshot snapshot) => snapshot.Members.Values.Count(m => m.Status == SiloStatus.Active);

    private void ForgetDead(ClusterMembershipSnapshot snapshot)
    {
        foreach (var silo in _holders.Keys.Where(s => snapshot.GetSiloStatus(s) == SiloStatus.Dead).ToList())
        {
            _holders.Remove(silo);
        }
    }

    // Asks silos holding more than their target to give back (someone wants it), and silos below their target to take
    // what is free; each renews soon and the shares move. Bounded per silo so a busy cluster does not spin.
    private void NudgeOthers(Holder self, DateTimeOffset now, int free)
    {
        var name = this.GetPrimaryKeyString();
        var selfShort = self.Granted < self.Target;
        foreach (var holder in _holders.Values)
        {
            if (holder == self || holder.Observer is not { } observer || holder.Expired(now))
            {
                continue;
            }
            var shouldGive = selfShort && holder.Granted > holder.Target;
            var shouldTake = free > 0 && holder.Granted < holder.Target;
            if ((shouldGive || shouldTake) && Environment.TickCount64 - holder.NudgedAt >= NudgeEveryMs)
            {
                holder.NudgedAt = Environment.TickCount64;
                _ = observer.RenewNowAsync(name);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "OCM '{Ocm}' answered 429 to silo {Silo}: every silo pauses it for {RetryAfter}.")]
    private static partial void LogPause(ILogger logger, string ocm, SiloAddress silo, TimeSpan retryAfter);

    private sealed class Holder(SiloAddress silo)
    {
        public SiloAddress Silo { get; } = silo;

        public int Granted { get; set; }

        public int Applied { get; set; }

        public int InFlight { get; set; }

        public int Demand { get; set; }

        public int Target { get; set; }

        public IOcmBudgetObserver? Observer { get; set; }

        public DateTimeOffset Expires { get; set; }

        public DateTimeOffset? WaitingSince { get; set; }

        public long NudgedAt { get; set; } = long.MinValue / 2;

        public bool Expired(DateTimeOffset now) => now > Expires;

        /// <summary>The most slots the silo may be using until it renews: its new and its old share, or what is still in flight.</summary>
        public int Bound(DateTimeOffset now, int budget, int liveSilos)
        {
            var bound = Math.Max(Granted, Math.Max(Applied, InFlight));
            return Expired(now) ? OcmShares.Fallback(budget, liveSilos, bound) : bound;
        }
    }
}
