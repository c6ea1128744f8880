namespace AddonGrains.Simulators.Ocm;

/// <summary>Per-route fault rules ("next N requests" first, then "with probability p") and request counters.</summary>
internal sealed class OcmFaultInjector
{
    private readonly Lock _lock = new();
    private readonly List<CountedRule> _counted = [];
    private readonly List<RandomRule> _random = [];
    private readonly Dictionary<string, int> _counts = new(StringComparer.Ordinal);

    public void AddCounted(string route, OcmFault fault, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        lock (_lock)
        {
            _counted.Add(new CountedRule(route, fault) { Remaining = count });
        }
    }

    public void AddRandom(string route, OcmFault fault, double probability, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(probability, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(probability, 1);
        lock (_lock)
        {
            _random.Add(new RandomRule(route, fault, probability, new Random(seed)));
        }
    }

    public void Clear(string? route)
    {
        lock (_lock)
        {
            _counted.RemoveAll(r => route is null || r.Route == route);
            _random.RemoveAll(r => route is null || r.Route == route);
        }
    }

    /// <summary>Counts the request and returns the fault to apply, if any.</summary>
    public OcmFault? OnRequest(string route)
    {
        lock (_lock)
        {
            _counts[route] = _counts.GetValueOrDefault(route) + 1;
            var counted = _counted.Find(r => r.Route == route);
            if (counted is not null)
            {
                if (--counted.Remaining == 0)
                {
                    _counted.Remove(counted);
                }
                return counted.Fault;
            }
            foreach (var rule in _random)
            {
                if (rule.Route == route && rule.Random.NextDouble() < rule.Probability)
                {
                    return rule.Fault;
                }
            }
            return null;
        }
    }

    public int Count(string route)
    {
        lock (_lock)
        {
            return _counts.GetValueOrDefault(route);
        }
    }

    public void ResetCounts()
    {
        lock (_lock)
        {
            _counts.Clear();
        }
    }

    private sealed record CountedRule(string Route, OcmFault Fault)
    {
        public int Remaining { get; set; }
    }

    private sealed record RandomRule(string Route, OcmFault Fault, double Probability, Random Random);
}
