namespace AddonGrains.Upstream.Ocm;

/// <summary>
/// A value made again once it is <paramref name="lifetime"/> old, on the next <see cref="Get"/>. Two callers at the
/// turn may both make one; either is fine (the values are interchangeable).
/// </summary>
internal sealed class Renewed<T>(Func<T> create, TimeSpan lifetime, TimeProvider clock)
    where T : class
{
    private Entry? _current;

    public T Get()
    {
        var current = Volatile.Read(ref _current);
        if (current is null || clock.GetElapsedTime(current.CreatedAt) >= lifetime)
        {
            current = new Entry(create(), clock.GetTimestamp());
            Volatile.Write(ref _current, current);
        }
        return current.Value;
    }

    private sealed record Entry(T Value, long CreatedAt);
}
