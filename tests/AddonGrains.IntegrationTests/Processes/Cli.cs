using System.Diagnostics;

namespace AddonGrains.IntegrationTests.Processes;

/// <summary>Runs the built CLI (<c>dotnet addongrains.dll …</c>) as a process.</summary>
public static class Cli
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    public static async Task<Result> RunAsync(IEnumerable<string> arguments, IDictionary<string, string>? environment = null, CancellationToken ct = default)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(RepoPaths.CliDll);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["ConnectionStrings__Orleans"] = "";
        info.Environment["NO_COLOR"] = "1";
        ShortLivedDotnet.Configure(info.Environment);
        // The CLI's 10 s connect limit is for people; on a loaded 2-core CI machine starting a client can take longer.
        info.Environment["ADDONGRAINS_CONNECT_TIMEOUT"] = "60";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        // Well above the connect limit above: a CLI that reaches it still has to report why.
        cts.CancelAfter(TimeSpan.FromSeconds(150));
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"the CLI ({string.Join(' ', info.ArgumentList.Skip(1))}) did not exit within 150 s; stderr so far: {await stderr}");
        }

        return new Result(process.ExitCode, await stdout, await stderr);
    }
}
