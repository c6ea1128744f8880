using System.Collections.Concurrent;

namespace AddonGrains.IntegrationTests.Grains;

/// <summary>Process-wide tick counts per grain key; shared by every silo of every in-process cluster.</summary>
public static class ReminderTicks
{
    private static readonly ConcurrentDictionary<string, int> Counts = new();

    public static void Record(string grainKey) => Counts.AddOrUpdate(grainKey, 1, (_, count) => count + 1);

    public static int Count(string grainKey) => Counts.TryGetValue(grainKey, out var count) ? count : 0;
}
