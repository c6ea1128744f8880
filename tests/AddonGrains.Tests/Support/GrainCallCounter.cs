using System.Collections.Concurrent;

namespace AddonGrains.Tests.Support;

/// <summary>Counts incoming grain calls by interface method name (e.g. <c>GetStatusAsync</c>): what a command really asked.</summary>
public sealed class GrainCallCounter : IIncomingGrainCallFilter
{
    private readonly ConcurrentDictionary<string, int> _calls = new(StringComparer.Ordinal);

    public int this[string method] => _calls.GetValueOrDefault(method);

    public async Task Invoke(IIncomingGrainCallContext context)
    {
        _calls.AddOrUpdate(context.InterfaceMethod?.Name ?? "?", 1, (_, n) => n + 1);
        await context.Invoke();
    }
}
