using System.Collections.Concurrent;
using AddonGrains.Grains.Triggers;

namespace AddonGrains.Tests.Support;

/// <summary>Records every trigger handed over; a second submission of the same id changes nothing (as the real pipeline).</summary>
public sealed class RecordingTriggerDispatcher : ITriggerDispatcher
{
    private readonly ConcurrentDictionary<string, TriggerRequest> _requests = new();
    private int _submissions;

    public int Submissions => _submissions;

    public ImmutableArray<TriggerRequest> Requests => [.. _requests.Values.OrderBy(r => r.CreatedAt).ThenBy(r => r.Job, StringComparer.Ordinal)];

    public ImmutableArray<TriggerRequest> For(string organization) => [.. Requests.Where(r => r.Organization == organization)];

    public Task<TriggerSnapshot> SubmitAsync(TriggerRequest request, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _submissions);
        _requests.TryAdd(request.TriggerId, request);
        return Task.FromResult(Snapshot(_requests[request.TriggerId]));
    }

    public Task<TriggerSnapshot?> GetSnapshotAsync(string triggerId, CancellationToken cancellationToken = default) =>
        Task.FromResult(_requests.TryGetValue(triggerId, out var r) ? Snapshot(r) : null);

    private static TriggerSnapshot Snapshot(TriggerRequest r) => new(r.TriggerId, r.Version, r.PreviousVersion, r.Direction,
        r.Instance, r.Job, TriggerStatus.Pending, 0, null, null, null, null, null, r.CreatedAt, r.CreatedAt);
}
