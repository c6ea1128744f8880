using System.Globalization;

namespace AddonGrains.Bench;

/// <summary>
/// The sidecar's side of <see cref="OcmSidecar"/>: starts the bench's simulated world (only its OCM is used), prints
/// the OCM base URL, then answers one line per command on standard input until <c>exit</c>.
/// </summary>
internal static class OcmSidecarServer
{
    public static async Task<int> RunAsync(BenchOptions options)
    {
        await using var world = await BenchEnvironment.DescribeWorld(options).StartAsync();
        var ocm = world.Ocm;
        Console.Out.WriteLine(ocm.BaseUrl);
        Console.Out.Flush();
        while (await Console.In.ReadLineAsync() is { } line && line != "exit")
        {
            var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            string answer;
            try
            {
                answer = words is ["pause", var pauseRoute, var seconds]
                    ? (await PauseProbe.RunAsync(ocm, pauseRoute, TimeSpan.FromSeconds(int.Parse(seconds, CultureInfo.InvariantCulture)))).ToLine()
                    : words switch
                    {
                        ["latency", var ms] => Done(() => ocm.RequestLatency = TimeSpan.FromMilliseconds(double.Parse(ms, CultureInfo.InvariantCulture))),
                        ["peak"] => ocm.PeakInFlightRequests.ToString(CultureInfo.InvariantCulture),
                        ["reset-peak"] => Done(ocm.ResetPeakInFlight),
                        ["reset-counts"] => Done(ocm.ResetRequestCounts),
                        ["count", var route] => ocm.RequestCount(route).ToString(CultureInfo.InvariantCulture),
                        ["set", var cluster, var addon, var version, var state] => Done(() => ocm.SetAddonInstallation(cluster, addon, version, state)),
                        _ => $"error unknown command '{line}'",
                    };
            }
            catch (Exception ex) when (ex is FormatException or ArgumentException or InvalidOperationException or KeyNotFoundException or TimeoutException)
            {
                answer = $"error {ex.Message}";
            }
            Console.Out.WriteLine(answer);
            Console.Out.Flush();
        }
        return 0;
    }

    private static string Done(Action action)
    {
        action();
        return "ok";
    }
}
