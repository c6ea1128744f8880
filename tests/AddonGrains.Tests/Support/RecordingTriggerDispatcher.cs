using System.Collections.Concurrent;
using AddonGrains.Grains.Triggers;

namespace AddonGrains.Tests.Support;

/// <summary>
/// Records every trigger handed over; a second submission of the same id changes nothing (as the real pipeline).
/// Triggers stay Pending unless a test finishes them; retiring follows the real rule (unfinished ones refuse).
/// </summary>
public sealed class RecordingTriggerDispatcher : ITriggerDispatcher
{
    private readonly ConcurrentDictionary<string, TriggerRequest> _requests = new();
    private readonly ConcurrentDictionary<string, TriggerStatus> _statuses = new();
    private readonly ConcurrentDictionary<string, TimeSpan> _retired = new();
    private readonly ConcurrentQueue<string> _canceled = new();
    private int _submissions;

    public int Submissions => _submissions;

    /// <summary>Organizations whose hand-over came with a token already canceled (a grain call refuses those).</summary>
    public IReadOnlyCollection<string> Canceled => _canceled;

    public ImmutableArray<TriggerRequest> Requests => [.. _requests.Values.OrderBy(r => r.Event.At).ThenBy(r => r.Job, StringComparer.Ordinal)];

    public ImmutableArray<TriggerRequest> For(string organization) => [.. Requests.Where(r => r.Organization == organization)];

    /// <summary>The trigger ids retired so far, with the retention they were given.</summary>
    public IReadOnlyDictionary<string, TimeSpan> Retired => _retired;

    public void SetStatus(string triggerId, TriggerStatus status) => _statuses[triggerId] = status;

    public Task<TriggerSnapshot> SubmitAsync(TriggerRequest request, CancellationToken cancellationToken = default)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            // As the grain call the real dispatcher makes: a canceled token fails before anything is handed over.
            _canceled.Enqueue(request.Organization);
            return Task.FromCanceled<TriggerSnapshot>(cancellationToken);
        }

        Interlocked.Increment(ref _submissions);
        _requests.TryAdd(request.TriggerId, request);
        return Task.FromResult(Snapshot(_requests[request.TriggerId]));
    }

    public Task<TriggerSnapshot?> GetSnapshotAsync(string triggerId, CancellationToken cancellationToken = default) =>
        Task.FromResult(_requests.TryGetValue(triggerId, out var r) ? Snapshot(r) : null);

    public Task<bool> RetireAsync(string triggerId, TimeSpan retention, CancellationToken cancellationToken = default)
    {
        if (!Status(triggerId).IsFinished())
        {
            return Task.FromResult(false);
        }

        _retired[triggerId] = retention;
        return Task.FromResult(true);
    }

    private TriggerStatus Status(string triggerId) => _statuses.GetValueOrDefault(triggerId, TriggerStatus.Pending);

    private TriggerSnapshot Snapshot(TriggerRequest r) => new(r, new TriggerDelivery { Status = Status(r.TriggerId), UpdatedAt = r.Event.At });
}
