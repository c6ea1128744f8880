using AddonGrains.Upstream.Ocm;
using AddonGrains.Upstream.Ocm.Budget;
using Microsoft.Extensions.Time.Testing;

namespace AddonGrains.Upstream.Tests.Ocm;

/// <summary>
/// A stopping silo closes its OCM budgets: a grain still running its last check must get an error at once, not wait
/// for a share that no renewal will bring (which held the silo's stop up to its shutdown timeout).
/// </summary>
public sealed class OcmRequestBudgetCloseTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Close_FailsARequestWaitingForAShare_WithAnErrorNamingTheEnvironment()
    {
        using var budget = new OcmRequestBudget("integration", 4, null, new FakeTimeProvider(), coordinated: true);
        budget.Coordinate();
        var waiting = budget.AcquireAsync(Ct).AsTask();
        Assert.False(waiting.IsCompleted);

        budget.Close();

        var error = await Assert.ThrowsAsync<OcmException>(() => waiting.WaitAsync(Bound, Ct));
        Assert.Contains("'integration'", error.Message, StringComparison.Ordinal);
        Assert.Contains("stopping", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, budget.Waiting);
    }

    [Fact]
    public async Task Close_FailsARequestWaitingOutA429Pause()
    {
        var clock = new FakeTimeProvider();
        using var budget = new OcmRequestBudget("integration", 4, null, clock);
        budget.Pause(TimeSpan.FromMinutes(5));
        var waiting = budget.AcquireAsync(Ct).AsTask();
        Assert.False(waiting.IsCompleted);

        budget.Close();

        await Assert.ThrowsAsync<OcmException>(() => waiting.WaitAsync(Bound, Ct));
    }

    [Fact]
    public async Task AfterClose_NewRequestsFailAtOnce_AndALaterShareIsIgnored()
    {
        using var budget = new OcmRequestBudget("integration", 4, null, new FakeTimeProvider());
        budget.Close();
        budget.SetShare(4, null);

        var acquire = budget.AcquireAsync(Ct);
        Assert.True(acquire.IsCompleted);
        await Assert.ThrowsAsync<OcmException>(() => acquire.AsTask());
        Assert.Equal(0, budget.Share);
        Assert.Equal(0, budget.InFlight);
    }

    [Fact]
    public async Task WaitForDrain_ReturnsOnlyWhenTheRequestsInFlightHaveEnded()
    {
        using var budget = new OcmRequestBudget("integration", 4, null, new FakeTimeProvider());
        var first = await budget.AcquireAsync(Ct);
        var second = await budget.AcquireAsync(Ct);
        budget.Close();

        var drained = budget.WaitForDrainAsync(Bound, Ct);
        first.Dispose();
        Assert.False(drained.IsCompleted);
        second.Dispose();

        await drained.WaitAsync(Bound, Ct);
        Assert.Equal(0, budget.InFlight);
    }

    [Fact]
    public async Task ClosedBudgets_CloseTheBudgetsOfEnvironmentsFirstUsedLater()
    {
        using var budgets = new OcmBudgets(new FakeTimeProvider());
        budgets.Coordinate();
        budgets.Close();

        var later = budgets.Get(new OcmConnection("stage", new Uri("http://127.0.0.1:1/"), new Uri("http://127.0.0.1:1/token"), "client", "not-a-secret", 2));

        Assert.True(later.Closed);
        await Assert.ThrowsAsync<OcmException>(() => later.AcquireAsync(Ct).AsTask());
    }
}
