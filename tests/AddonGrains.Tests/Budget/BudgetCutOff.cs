using System.Collections.Concurrent;

namespace AddonGrains.Tests.Budget;

/// <summary>Cuts chosen silos off from the budget grain: their calls to it fail as an unreachable silo's would.</summary>
internal sealed class BudgetCutOff
{
    private readonly ConcurrentDictionary<SiloAddress, bool> _silos = new();

    public void Cut(SiloAddress silo) => _silos[silo] = true;

    public void Restore(SiloAddress silo) => _silos.TryRemove(silo, out _);

    internal sealed class Filter(BudgetCutOff cutOff, ILocalSiloDetails local) : IOutgoingGrainCallFilter
    {
        public Task Invoke(IOutgoingGrainCallContext context) =>
            cutOff._silos.ContainsKey(local.SiloAddress) && context.Grain is IOcmBudgetGrain
                ? Task.FromException(new TimeoutException($"the budget grain is cut off from {local.SiloAddress}"))
                : context.Invoke();
    }
}
