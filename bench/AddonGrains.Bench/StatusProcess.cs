using System.Text.Json;
using AddonGrains.Testing;
using Orleans.Configuration;

namespace AddonGrains.Bench;

/// <summary>Runs the built CLI (<c>dotnet addongrains.dll status -o json</c>) as a process, as an operator would.</summary>
internal static class StatusProcess
{
    /// <summary>Wall time in ms of one <c>status</c> run, from process start to exit; checks it listed every rollout.</summary>
    public static async Task<double> RunAsync(int gatewayPort, ClusterOptions cluster, int expectedRows)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { CliDll(), "status", "-o", "json", "--gateway", $"127.0.0.1:{gatewayPort}" })
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["ConnectionStrings__Orleans"] = "";
        info.Environment["Orleans__ClusterId"] = cluster.ClusterId;
        info.Environment["Orleans__ServiceId"] = cluster.ServiceId;
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(info) ?? throw new InvalidOperationException("could not start dotnet");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        var elapsed = clock.Elapsed.TotalMilliseconds;
        using var json = process.ExitCode == 0 ? JsonDocument.Parse(await stdout) : null;
        var rows = json?.RootElement.GetArrayLength() ?? -1;
        if (rows != expectedRows)
        {
            throw new InvalidOperationException($"addongrains status exited {process.ExitCode} with {rows} rows (expected {expectedRows}): {await stderr}");
        }

        return elapsed;
    }

    /// <summary>The CLI built beside the bench (same configuration), found from the repository root.</summary>
    private static string CliDll()
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
        return Path.Combine(RepositoryRoot.Path, "src", "Client", "bin", configuration, "net10.0", "addongrains.dll");
    }
}
