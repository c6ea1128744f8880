namespace AddonGrains.Upstream.Ocm.Budget;

/// <summary>
/// The requests waiting for a slot of an <see cref="OcmRequestBudget"/>, oldest first. Every call is made under the
/// budget's lock, which a waiter's cancellation takes too, so a slot is never handed to a request that gave up.
/// </summary>
internal sealed class SlotWaiters(Lock budgetLock)
{
    private readonly LinkedList<TaskCompletionSource> _queue = [];

    public int Count => _queue.Count;

    /// <summary>Queues a request (under the lock); wait for its turn with <see cref="WaitAsync"/>, outside the lock.</summary>
    public LinkedListNode<TaskCompletionSource> Enter() =>
        _queue.AddLast(new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

    /// <summary>Hands a slot to the oldest waiter (under the lock, with a waiter queued).</summary>
    public void LetFirstIn()
    {
        var first = _queue.First!;
        _queue.RemoveFirst();
        first.Value.TrySetResult();
    }

    /// <summary>Fails every waiter (under the lock).</summary>
    public void FailAll(Func<Exception> error)
    {
        foreach (var waiter in _queue)
        {
            waiter.TrySetException(error());
        }
        _queue.Clear();
    }

    /// <summary>Returns when <see cref="LetFirstIn"/> reaches the request; cancelling takes it out of the queue.</summary>
    public async Task WaitAsync(LinkedListNode<TaskCompletionSource> node, CancellationToken cancellationToken)
    {
        using var registration = cancellationToken.Register(() =>
        {
            lock (budgetLock)
            {
                if (node.List is not null)
                {
                    _queue.Remove(node);
                    node.Value.TrySetCanceled(cancellationToken);
                }
            }
        });
        await node.Value.Task.ConfigureAwait(false);
    }
}
