using System.Collections.Concurrent;

namespace AddonGrains.Upstream.Ocm.Budget;

/// <summary>
/// The request budgets of the OCM environments, one per environment name, kept across configuration reloads (a reload
/// that changes a connection builds new clients, but they share the budget, so requests of old and new clients count
/// together). Standalone every budget is the whole configured one; once <see cref="Coordinate"/> is called (by the
/// silo's cluster budget agent), each budget's share is set from the cluster-wide budget.
/// </summary>
public sealed class OcmBudgets(TimeProvider clock) : IDisposable
{
    private readonly ConcurrentDictionary<string, OcmRequestBudget> _budgets = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private bool _coordinated;
    private bool _closed;

    /// <summary>Raised when an environment's budget is first used.</summary>
    public event Action<OcmRequestBudget>? Added;

    /// <summary>The clock of the budgets' pauses and rates.</summary>
    public TimeProvider Clock => clock;

    /// <summary>The budgets created so far.</summary>
    public IReadOnlyCollection<OcmRequestBudget> All => [.. _budgets.Values];

    /// <summary>The budget of <paramref name="connection"/>'s environment, taking its (possibly reloaded) limits.</summary>
    public OcmRequestBudget Get(OcmConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (_budgets.TryGetValue(connection.Name, out var budget))
        {
            budget.Configure(connection.MaxConcurrency, connection.MaxRequestsPerSecond);
            return budget;
        }
        lock (_lock)
        {
            if (!_budgets.TryGetValue(connection.Name, out budget))
            {
                budget = new OcmRequestBudget(connection.Name, connection.MaxConcurrency, connection.MaxRequestsPerSecond, clock, _coordinated);
                if (_closed)
                {
                    budget.Close();
                }
                _budgets[connection.Name] = budget;
                Added?.Invoke(budget);
            }
        }
        budget.Configure(connection.MaxConcurrency, connection.MaxRequestsPerSecond);
        return budget;
    }

    /// <summary>Hands every budget (those to come too) to the cluster budget: from now on shares come from leases.</summary>
    public void Coordinate()
    {
        lock (_lock)
        {
            _coordinated = true;
            foreach (var budget in _budgets.Values)
            {
                budget.Coordinate();
            }
        }
    }

    /// <summary>The silo is stopping: closes every budget (those to come too), see <see cref="OcmRequestBudget.Close"/>.</summary>
    public void Close()
    {
        lock (_lock)
        {
            _closed = true;
            foreach (var budget in _budgets.Values)
            {
                budget.Close();
            }
        }
    }

    public void Dispose()
    {
        foreach (var budget in _budgets.Values)
        {
            budget.Dispose();
        }
        _budgets.Clear();
    }
}
