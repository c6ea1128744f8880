using System.Diagnostics;

namespace AddonGrains.Testing;

/// <summary>Runs a command to completion and returns its exit code and output.</summary>
public static class ProcessRunner
{
    public static async Task<(int ExitCode, string Output)> RunAsync(string fileName, IEnumerable<string> arguments, CancellationToken ct)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        return (process.ExitCode, (await stdout) + (await stderr));
    }

    public static async Task<string> RunCheckedAsync(string fileName, IEnumerable<string> arguments, CancellationToken ct)
    {
        var list = arguments.ToList();
        var (exitCode, output) = await RunAsync(fileName, list, ct);
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"'{fileName} {string.Join(' ', list)}' exited with {exitCode}: {output}");
        }

        return output;
    }
}
