using System.Collections.Concurrent;
using Orleans.Storage;

namespace AddonGrains.Tests.Support;

/// <summary>Where an injected write failure strikes.</summary>
public enum WriteFault
{
    /// <summary>The write fails before storage sees it: storage keeps the old state, the ETag stays valid.</summary>
    BeforeCommit,

    /// <summary>
    /// The write commits, then fails as if the connection dropped before the answer: storage holds the new state,
    /// the grain keeps the old ETag, so its next write meets an ETag conflict.
    /// </summary>
    AfterCommit,
}

/// <summary>
/// A grain storage decorator for tests that fails the Nth write of one grain, deterministically. Counts every write
/// per grain id, so a test can learn how many writes a grain's life takes and then fail each of them in turn.
/// </summary>
public sealed class FaultInjectingGrainStorage(IGrainStorage inner, StorageFaults faults) : IGrainStorage
{
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => inner.ReadStateAsync(stateName, grainId, grainState);

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var fault = faults.OnWrite(grainId);
        if (fault == WriteFault.BeforeCommit)
        {
            throw new InjectedStorageException($"injected failure before commit of write to {grainId}");
        }

        var (etag, existed) = (grainState.ETag, grainState.RecordExists);
        await inner.WriteStateAsync(stateName, grainId, grainState);
        if (fault == WriteFault.AfterCommit)
        {
            // The answer never reached the grain: it keeps what it had before, as Orleans does after a failed write.
            (grainState.ETag, grainState.RecordExists) = (etag, existed);
            throw new InjectedStorageException($"injected failure after commit of write to {grainId}");
        }
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => inner.ClearStateAsync(stateName, grainId, grainState);
}

/// <summary>The armed fault and the write counts shared by every <see cref="FaultInjectingGrainStorage"/> of a silo.</summary>
public sealed class StorageFaults
{
    private readonly ConcurrentDictionary<GrainId, int> _writes = new();
    private readonly Lock _lock = new();
    private readonly List<string> _injected = [];
    private (GrainId Grain, int Nth, WriteFault Fault)? _armed;

    /// <summary>Writes of <paramref name="grain"/> so far, failed ones included.</summary>
    public int WritesOf(GrainId grain) => _writes.GetValueOrDefault(grain);

    /// <summary>What was injected so far, in order.</summary>
    public IReadOnlyList<string> Injected
    {
        get
        {
            lock (_lock)
            {
                return [.. _injected];
            }
        }
    }

    /// <summary>Fails the <paramref name="nth"/> write (1-based, counting every write since the grain's first) of <paramref name="grain"/>, once.</summary>
    public void Arm(GrainId grain, int nth, WriteFault fault)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(nth, 1);
        lock (_lock)
        {
            _armed = (grain, nth, fault);
        }
    }

    /// <summary>True while an armed fault has not struck yet.</summary>
    public bool Armed
    {
        get
        {
            lock (_lock)
            {
                return _armed is not null;
            }
        }
    }

    internal WriteFault? OnWrite(GrainId grain)
    {
        var count = _writes.AddOrUpdate(grain, 1, (_, n) => n + 1);
        lock (_lock)
        {
            if (_armed is not { } armed || armed.Grain != grain || armed.Nth != count)
            {
                return null;
            }

            _armed = null;
            _injected.Add($"{armed.Fault} at write {count} of {grain}");
            return armed.Fault;
        }
    }
}

/// <summary>An injected storage failure (stands in for a dropped connection or a database restart).</summary>
public sealed class InjectedStorageException(string message) : Exception(message);
