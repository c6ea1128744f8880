using System.Diagnostics;
using System.Globalization;
using AddonGrains.IntegrationTests.Processes;

namespace AddonGrains.IntegrationTests.Abuse;

/// <summary>
/// One silo process that is expected to exit by itself (a bad configuration), with stdout and stderr kept apart so a
/// test can tell where the error went. <see cref="SiloProcess"/> merges the two streams, which suits long runs.
/// </summary>
internal sealed record SiloRun(int ExitCode, string Stdout, string Stderr, TimeSpan Elapsed, int SiloPort, int GatewayPort, int HttpPort)
{
    /// <summary>Runs <paramref name="dll"/> (the silo unless given, e.g. <see cref="RepoPaths.DemoDll"/>) until it exits.</summary>
    public static async Task<SiloRun> RunAsync(string[] arguments, string connectionString, IDictionary<string, string> environment, TimeSpan timeout,
        string? dll = null)
    {
        dll ??= RepoPaths.SiloDll;
        var (silo, gateway, http) = (FreePort.Next(), FreePort.Next(), FreePort.Next());
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        info.ArgumentList.Add(dll);
        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add($"http://127.0.0.1:{http}");
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment.Remove("ADDONGRAINS_CONFIG");
        info.Environment["ConnectionStrings__Orleans"] = connectionString;
        info.Environment["Orleans__SiloPort"] = silo.ToString(CultureInfo.InvariantCulture);
        info.Environment["Orleans__GatewayPort"] = gateway.ToString(CultureInfo.InvariantCulture);
        info.Environment["DOTNET_NOLOGO"] = "1";
        ShortLivedDotnet.Configure(info.Environment);
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start");
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cts.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException) when (!TestContext.Current.CancellationToken.IsCancellationRequested)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(TestContext.Current.CancellationToken);
            throw new TimeoutException($"the silo did not exit within {timeout.TotalSeconds:0} s:\n{await stdout}\n{await stderr}");
        }

        return new SiloRun(process.ExitCode, await stdout, await stderr, clock.Elapsed, silo, gateway, http);
    }
}
