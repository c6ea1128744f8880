using System.Globalization;
using AddonGrains.Simulators.Ocm;
using AddonGrains.Testing;

namespace AddonGrains.Bench;

/// <summary>
/// What the OCM simulator saw around one 429: the requests that arrived after it was written and before its
/// <c>Retry-After</c> ended (the product pauses the environment on every silo: the goal is 0), the requests in flight
/// when it was written (they may finish), and the time from the 429 to the last arrival in that window (the pause's
/// propagation lag; 0 when nothing arrived).
/// </summary>
internal sealed record PauseProbe(int RequestsDuringPause, int InFlightAtPause, double LastArrivalMs)
{
    /// <summary>The API routes a check uses (token requests are not budgeted and not counted).</summary>
    private static readonly string[] ApiRoutes = [OcmRoutes.Clusters, OcmRoutes.Addons, OcmRoutes.ServiceAddons, OcmRoutes.AddonStatus, OcmRoutes.Catalog];

    /// <summary>One line of the sidecar protocol.</summary>
    public string ToLine() => string.Create(CultureInfo.InvariantCulture, $"{RequestsDuringPause} {InFlightAtPause} {LastArrivalMs:F1}");

    public static PauseProbe Parse(string line)
    {
        var words = line.Split(' ');
        return new PauseProbe(int.Parse(words[0], CultureInfo.InvariantCulture), int.Parse(words[1], CultureInfo.InvariantCulture),
            double.Parse(words[2], CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// Runs in the sidecar, while the silos send requests: the next request on <paramref name="route"/> is held at a
    /// gate, then answered 429 with <c>Retry-After</c> the moment the gate opens, and arrivals are sampled every
    /// millisecond or so until <paramref name="retryAfter"/> has passed. All clocks are this process's
    /// <see cref="Stopwatch"/> (CLOCK_MONOTONIC).
    /// </summary>
    public static async Task<PauseProbe> RunAsync(OcmSimulator ocm, string route, TimeSpan retryAfter)
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var before = ocm.RequestCount(route);
        // The faulted request skips the simulated latency (a fault's latency adds to it), so from its arrival on it
        // stands at the gate and the 429 is written when the gate opens, not up to one latency later.
        ocm.InjectFault(route, new OcmFault { StatusCode = 429, RetryAfter = retryAfter, Gate = gate.Task, Latency = -ocm.RequestLatency });
        await Wait.UntilAsync(() => ocm.RequestCount(route) > before, TimeSpan.FromMinutes(2), $"a request on '{route}' to take the 429",
            interval: TimeSpan.FromMilliseconds(1));

        // The faulted request itself is in flight until its answer starts.
        var inFlight = ocm.InFlightRequests - 1;
        var arrivedBefore = Arrivals(ocm);
        var pausedAt = Stopwatch.GetTimestamp();
        gate.SetResult();
        var last = arrivedBefore;
        var lastArrival = TimeSpan.Zero;
        using var sampler = new PeriodicTimer(TimeSpan.FromMilliseconds(1));
        while (Stopwatch.GetElapsedTime(pausedAt) < retryAfter)
        {
            await sampler.WaitForNextTickAsync();
            var elapsed = Stopwatch.GetElapsedTime(pausedAt);
            var now = Arrivals(ocm);
            if (now > last && elapsed < retryAfter)
            {
                (last, lastArrival) = (now, elapsed);
            }
        }

        return new PauseProbe(last - arrivedBefore, inFlight, Math.Round(lastArrival.TotalMilliseconds, 1));
    }

    private static int Arrivals(OcmSimulator ocm) => ApiRoutes.Sum(ocm.RequestCount);
}
