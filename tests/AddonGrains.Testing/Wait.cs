using System.Diagnostics;

namespace AddonGrains.Testing;

/// <summary>
/// Waits for a condition by polling — never sleep-and-hope. On timeout it throws a <see cref="TimeoutException"/>
/// naming what it waited for and what it last saw. The timeout only bounds failure; it is never an assertion.
/// </summary>
public static class Wait
{
    /// <summary>How often a condition is probed unless the caller says otherwise.</summary>
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// Probes until <paramref name="done"/> holds for the probed value and returns that value. Exceptions for which
    /// <paramref name="retryOn"/> is true count as "not yet" (and are what was last seen).
    /// </summary>
    public static async Task<T> UntilAsync<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan timeout, string description,
        Func<T, string>? describe = null, Func<Exception, bool>? retryOn = null, TimeSpan? interval = null,
        CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        // Described only on timeout: a describer may be costly (a grain call), and a probe runs every 50 ms by default.
        Func<string> lastSeen = () => "nothing yet";
        while (true)
        {
            try
            {
                var value = await probe();
                if (done(value))
                {
                    return value;
                }

                lastSeen = () => describe is null ? value?.ToString() ?? "null" : describe(value);
            }
            catch (Exception ex) when (retryOn?.Invoke(ex) == true && !cancellationToken.IsCancellationRequested)
            {
                lastSeen = () => $"{ex.GetType().Name}: {ex.Message}";
            }

            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException($"Timed out after {timeout.TotalSeconds:0.#} s waiting for {description}; last seen: {lastSeen()}");
            }

            await Task.Delay(interval ?? DefaultInterval, cancellationToken);
        }
    }

    /// <summary>Probes <paramref name="condition"/> until it holds; <paramref name="lastSeen"/> describes the state on timeout.</summary>
    public static Task UntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string description,
        Func<string>? lastSeen = null, TimeSpan? interval = null, CancellationToken cancellationToken = default) =>
        UntilAsync(condition, ok => ok, timeout, description, _ => lastSeen?.Invoke() ?? "the condition false", null, interval, cancellationToken);

    /// <summary>Probes <paramref name="condition"/> until it holds; <paramref name="lastSeen"/> describes the state on timeout.</summary>
    public static Task UntilAsync(Func<bool> condition, TimeSpan timeout, string description,
        Func<string>? lastSeen = null, TimeSpan? interval = null, CancellationToken cancellationToken = default) =>
        UntilAsync(() => Task.FromResult(condition()), timeout, description, lastSeen, interval, cancellationToken);
}
