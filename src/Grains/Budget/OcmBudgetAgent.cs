using System.Collections.Concurrent;
using System.Threading.Channels;
using AddonGrains.Upstream.Ocm.Budget;
using Microsoft.Extensions.Options;

namespace AddonGrains.Grains.Budget;

/// <summary>
/// The silo side of the cluster-wide OCM budget: keeps each environment's <see cref="OcmRequestBudget"/> share set
/// from a lease of that environment's <see cref="IOcmBudgetGrain"/>, renewed about once a second and sooner when
/// requests wait, so the request hot path never calls a grain. Passes this silo's 429 pauses to the grain and the
/// grain's pauses (from other silos) to the budgets. A lease it cannot renew falls back to a safe share
/// (<see cref="OcmShares.Fallback"/>); at shutdown it closes the budgets and, once their requests in flight have
/// ended, gives its shares back.
/// </summary>
internal sealed partial class OcmBudgetAgent(
    OcmBudgets budgets,
    IGrainFactory grains,
    ILocalSiloDetails local,
    IClusterMembershipService membership,
    IOptions<OcmBudgetOptions> options,
    ILogger<OcmBudgetAgent> logger) : ILifecycleParticipant<ISiloLifecycle>, IOcmBudgetObserver, IDisposable
{
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly ConcurrentDictionary<string, DateTimeOffset> _leaseEnds = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();
    private IOcmBudgetObserver? _self;
    private Task _loop = Task.CompletedTask;

    public void Participate(ISiloLifecycle lifecycle)
    {
        // Before any grain runs, every budget waits for a lease instead of using the whole configured budget.
        lifecycle.Subscribe(nameof(OcmBudgetAgent), ServiceLifecycleStage.RuntimeInitialize, _ =>
        {
            budgets.Added += Hook;
            budgets.Coordinate();
            foreach (var budget in budgets.All)
            {
                Hook(budget);
            }
            return Task.CompletedTask;
        });
        lifecycle.Subscribe(nameof(OcmBudgetAgent), ServiceLifecycleStage.Active, Start, Stop);
    }

    public void Dispose() => _stopping.Dispose();

    public Task PauseAsync(string ocmName, TimeSpan retryAfter)
    {
        foreach (var budget in budgets.All)
        {
            if (budget.OcmName == ocmName)
            {
                budget.Pause(retryAfter);
            }
        }
        return Task.CompletedTask;
    }

    public Task RenewNowAsync(string ocmName)
    {
        Wake();
        return Task.CompletedTask;
    }

    private void Hook(OcmRequestBudget budget)
    {
        budget.ShareWanted += _ => Wake();
        budget.PausedByResponse += (b, retryAfter) => _ = ReportPauseAsync(b.OcmName, retryAfter);
        Wake();
    }

    private void Wake() => _wake.Writer.TryWrite(true);

    private Task Start(CancellationToken cancellationToken)
    {
        _self = grains.CreateObjectReference<IOcmBudgetObserver>(this);
        _loop = Task.Run(() => LoopAsync(_stopping.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    private async Task Stop(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        // No more renewals, so no share for requests to come: they fail at once instead of holding up the grains'
        // deactivation (and the silo's stop) until the shutdown timeout. Requests in flight end before the share
        // goes back to the cluster, so the budget is never exceeded while the other silos take it over.
        budgets.Close();
        foreach (var budget in budgets.All)
        {
            try
            {
                await budget.WaitForDrainAsync(options.Value.RenewTimeout, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                await grains.GetGrain<IOcmBudgetGrain>(budget.OcmName).ReleaseAsync(local.SiloAddress)
                    .WaitAsync(options.Value.RenewTimeout, cancellationToken);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                LogRenewFailed(logger, budget.OcmName, ex.Message);
            }
        }
        if (_self is not null)
        {
            grains.DeleteObjectReference<IOcmBudgetObserver>(_self);
        }
    }

    private async Task LoopAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            foreach (var budget in budgets.All)
            {
                await RenewAsync(budget, stopping);
            }
            try
            {
                // At most every MinRenewInterval when woken, at least every RenewInterval.
                await Task.Delay(options.Value.MinRenewInterval, stopping);
                using var period = CancellationTokenSource.CreateLinkedTokenSource(stopping);
                period.CancelAfter(options.Value.RenewInterval - options.Value.MinRenewInterval);
                await _wake.Reader.ReadAsync(period.Token);
            }
            catch (OperationCanceledException)
            {
            }
        }
    }

    private async Task RenewAsync(OcmRequestBudget budget, CancellationToken stopping)
    {
        var asked = budgets.Clock.GetUtcNow();
        try
        {
            var renewal = new OcmBudgetRenewal(local.SiloAddress, budget.MaxConcurrency, budget.MaxRequestsPerSecond,
                budget.Share, budget.InFlight, budget.Demand, _self);
            var grant = await grains.GetGrain<IOcmBudgetGrain>(budget.OcmName).RenewAsync(renewal)
                .WaitAsync(options.Value.RenewTimeout, stopping);
            budget.SetShare(grant.Slots, grant.RequestsPerSecond);
            // The pause left is counted from when this silo asked, like the lease: an answer that arrives late must not
            // start the pause over once it has passed.
            var pauseLeft = grant.PauseLeft - (budgets.Clock.GetUtcNow() - asked);
            if (pauseLeft > TimeSpan.Zero)
            {
                budget.Pause(pauseLeft);
            }
            _leaseEnds[budget.OcmName] = asked + grant.Lease;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException && !stopping.IsCancellationRequested)
        {
            LogRenewFailed(logger, budget.OcmName, ex.Message);
            if (budgets.Clock.GetUtcNow() >= _leaseEnds.GetValueOrDefault(budget.OcmName))
            {
                var live = membership.CurrentSnapshot.Members.Values.Count(m => m.Status == SiloStatus.Active);
                var fallback = OcmShares.Fallback(budget.MaxConcurrency, live, budget.Share);
                budget.SetShare(fallback, OcmShares.Rate(budget.MaxRequestsPerSecond, fallback, budget.MaxConcurrency));
            }
        }
    }

    private async Task ReportPauseAsync(string ocmName, TimeSpan retryAfter)
    {
        try
        {
            await grains.GetGrain<IOcmBudgetGrain>(ocmName).ReportPauseAsync(local.SiloAddress, retryAfter)
                .WaitAsync(options.Value.RenewTimeout);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            LogPauseNotPassedOn(logger, ocmName, ex.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "OCM '{Ocm}': the cluster budget lease was not renewed: {Reason}")]
    private static partial void LogRenewFailed(ILogger logger, string ocm, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "OCM '{Ocm}': a 429 pause could not be passed on to the other silos (only this silo pauses): {Reason}")]
    private static partial void LogPauseNotPassedOn(ILogger logger, string ocm, string reason);
}
