using System.Collections.Concurrent;
using System.Diagnostics.Tracing;

namespace AddonGrains.Bench;

/// <summary>
/// <c>--profile</c>: the runtime's allocation samples (GCAllocationTick, one about every 100 KB) by type while a
/// section runs — which types the bytes go to, without an external profiler.
/// </summary>
internal sealed class AllocationSampler : EventListener
{
    private const int GcKeyword = 0x1;
    private readonly ConcurrentDictionary<string, long> _bytes = new(StringComparer.Ordinal);
    private volatile bool _recording;

    public void Start()
    {
        _bytes.Clear();
        _recording = true;
    }

    public IReadOnlyList<(string Type, double Mb)> Stop(int top)
    {
        _recording = false;
        return [.. _bytes.OrderByDescending(kv => kv.Value).Take(top).Select(kv => (kv.Key, kv.Value / (1024.0 * 1024.0)))];
    }

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(eventSource, EventLevel.Verbose, (EventKeywords)GcKeyword);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (!_recording || !(eventData.EventName?.StartsWith("GCAllocationTick", StringComparison.Ordinal) ?? false) || eventData.Payload is null)
        {
            return;
        }

        var names = eventData.PayloadNames!;
        var type = names.IndexOf("TypeName") is var t and >= 0 ? eventData.Payload[t] as string ?? "?" : "?";
        var amount = names.IndexOf("AllocationAmount64") is var a and >= 0 ? Convert.ToInt64(eventData.Payload[a]) : 100 * 1024;
        _bytes.AddOrUpdate(type, amount, (_, sum) => sum + amount);
    }
}
