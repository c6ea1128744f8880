using System.Collections.Concurrent;

namespace AddonGrains.Tests.Budget;

/// <summary>
/// Cuts chosen silos off from the budget grain: their calls to it fail as an unreachable silo's would. Can also hold
/// the answer to a silo's next lease renewal (the grain has already decided it) until the test lets it through.
/// </summary>
internal sealed class BudgetCutOff
{
    private readonly ConcurrentDictionary<SiloAddress, bool> _silos = new();
    private readonly ConcurrentDictionary<SiloAddress, HeldRenewal> _held = new();
    private readonly ConcurrentDictionary<SiloAddress, int> _renewals = new();

    public void Cut(SiloAddress silo) => _silos[silo] = true;

    public void Restore(SiloAddress silo) => _silos.TryRemove(silo, out _);

    /// <summary>Holds the answer to <paramref name="silo"/>'s next renewal until <see cref="HeldRenewal.Release"/>.</summary>
    public HeldRenewal HoldNextRenewal(SiloAddress silo) => _held[silo] = new HeldRenewal();

    /// <summary>Renewals <paramref name="silo"/> has started so far.</summary>
    public int Renewals(SiloAddress silo) => _renewals.GetValueOrDefault(silo);

    internal sealed class HeldRenewal
    {
        private readonly TaskCompletionSource _answered = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>Completes once the grain has answered the held renewal (its answer not yet delivered).</summary>
        public Task Answered => _answered.Task;

        public void Release() => _released.TrySetResult();

        internal async Task HoldAsync(Task call)
        {
            await call;
            _answered.TrySetResult();
            await _released.Task;
        }
    }

    internal sealed class Filter(BudgetCutOff cutOff, ILocalSiloDetails local) : IOutgoingGrainCallFilter
    {
        public Task Invoke(IOutgoingGrainCallContext context)
        {
            if (context.Grain is not IOcmBudgetGrain)
            {
                return context.Invoke();
            }
            if (cutOff._silos.ContainsKey(local.SiloAddress))
            {
                return Task.FromException(new TimeoutException($"the budget grain is cut off from {local.SiloAddress}"));
            }
            if (context.MethodName != nameof(IOcmBudgetGrain.RenewAsync))
            {
                return context.Invoke();
            }
            cutOff._renewals.AddOrUpdate(local.SiloAddress, 1, (_, n) => n + 1);
            return cutOff._held.TryRemove(local.SiloAddress, out var held) ? held.HoldAsync(context.Invoke()) : context.Invoke();
        }
    }
}
