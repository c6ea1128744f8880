using System.Security.Cryptography;
using System.Text;

namespace AddonGrains.Simulators.Jenkins;

/// <summary>
/// All simulator state behind one lock. Time-driven transitions (quiet period over → build starts, LeftItem
/// retention over → 404) are applied lazily by <see cref="Advance"/>, so a FakeTimeProvider drives them exactly.
/// </summary>
internal sealed class SimState(JenkinsSimulatorOptions options)
{
    private readonly string _salt = Convert.ToHexString(RandomNumberGenerator.GetBytes(8));
    private readonly Random _random = new(options.RandomSeed);
    private readonly List<(JenkinsSimFault Fault, int? Remaining)> _faults = [];
    private long _nextQueueId = 100;
    private int _nextSession;

    public Lock Gate { get; } = new();

    public JenkinsSimulatorOptions Options => options;

    public Dictionary<string, SimJob> Jobs { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, (string? Token, string? Password, bool CanBuild)> Users { get; } = new(StringComparer.Ordinal);

    public SortedDictionary<long, SimItem> Items { get; } = [];

    public HashSet<string> Sessions { get; } = new(StringComparer.Ordinal);

    public List<JenkinsSimRequest> Requests { get; } = [];

    public TimeSpan RequestLatency { get; set; }

    public DateTimeOffset Now => options.TimeProvider.GetUtcNow();

    /// <summary>Starts due items and forgets expired LeftItems. Call with the lock held.</summary>
    public void Advance()
    {
        var now = Now;
        foreach (var item in Items.Values.Where(i => i.LeftAt is null && i.Due <= now).OrderBy(i => i.Due).ThenBy(i => i.Id).ToList())
        {
            var job = item.Job;
            var build = new SimBuild
            {
                Job = job,
                Number = job.NextBuildNumber++,
                QueueId = item.Id,
                Parameters = item.Parameters,
                Causes = [.. item.Causes],
                Start = item.Due,
                End = item.Due + job.Definition.BuildDuration,
                FinalResult = job.Definition.Result,
            };
            job.Builds.Add(build);
            item.Build = build;
            item.LeftAt = item.Due;
        }

        foreach (var expired in Items.Values.Where(i => i.LeftAt + options.LeftItemRetention <= now).Select(i => i.Id).ToList())
        {
            Items.Remove(expired);
        }
    }

    /// <summary>Queues or merges like Jenkins' queue. Returns the item and whether it is new. Lock held.</summary>
    public (SimItem Item, bool Created) Schedule(SimJob job, List<KeyValuePair<string, string>>? parameters, string user, TimeSpan? delay)
    {
        Advance();
        var now = Now;
        var due = now + (delay ?? job.Definition.QuietPeriod ?? options.QuietPeriod);
        var existing = Items.Values.FirstOrDefault(i => i.LeftAt is null && i.Job == job && SameParameters(i.Parameters, parameters));
        if (existing is not null)
        {
            existing.Causes.Add(user);
            existing.Due = existing.Due < due ? existing.Due : due;
            return (existing, false);
        }

        var item = new SimItem { Id = ++_nextQueueId, Job = job, Parameters = parameters, InQueueSince = now, Due = due };
        item.Causes.Add(user);
        Items.Add(item.Id, item);
        return (item, true);
    }

    public string NewSession() => $"node0{Convert.ToHexString(RandomNumberGenerator.GetBytes(6)).ToLowerInvariant()}{++_nextSession}";

    public string Crumb(string user, string session) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"{user};{session};{_salt}"))).ToLowerInvariant();

    public void AddFault(JenkinsSimFault fault) => _faults.Add((fault, fault.Count));

    public void ClearFaults() => _faults.Clear();

    /// <summary>The fault that applies to this request, consuming one use of a counted fault. Lock held.</summary>
    public JenkinsSimFault? TakeFault(string method, string rawPath)
    {
        for (var i = 0; i < _faults.Count; i++)
        {
            var (fault, remaining) = _faults[i];
            if ((fault.Method is not null && !string.Equals(fault.Method, method, StringComparison.OrdinalIgnoreCase))
                || (fault.PathContains is not null && !rawPath.Contains(fault.PathContains, StringComparison.Ordinal)))
            {
                continue;
            }

            if (fault.Probability < 1.0 && _random.NextDouble() >= fault.Probability)
            {
                continue;
            }

            if (remaining is not null)
            {
                if (remaining <= 1)
                {
                    _faults.RemoveAt(i);
                }
                else
                {
                    _faults[i] = (fault, remaining - 1);
                }
            }

            return fault;
        }

        return null;
    }

    private static bool SameParameters(List<KeyValuePair<string, string>>? a, List<KeyValuePair<string, string>>? b)
    {
        // ParametersAction.shouldSchedule: differ when the value sets differ; no action ≙ no parameters.
        var left = (a ?? []).Select(p => $"{p.Key}={p.Value}").ToHashSet(StringComparer.Ordinal);
        var right = (b ?? []).Select(p => $"{p.Key}={p.Value}").ToHashSet(StringComparer.Ordinal);
        return left.SetEquals(right);
    }
}
