using System.Diagnostics;
using AddonGrains.Silo.Hosting;

namespace AddonGrains.Tests.Hosting;

/// <summary>
/// The silo warns at start when SIGHUP is ignored (inherited, e.g. under nohup), because then SIGHUP cannot reload it.
/// The detection reads <c>/proc/PID/status</c> of real processes started with and without SIGHUP ignored.
/// </summary>
public sealed class SignalDispositionTests
{
    [Fact]
    public async Task IsIgnored_TellsAProcessStartedUnderNohupFromOneWithTheDefault()
    {
        var underNohup = await StatusOfAsync("nohup", "cat", "/proc/self/status");
        var withDefault = await StatusOfAsync("env", "--default-signal=HUP", "cat", "/proc/self/status");

        Assert.True(SignalDisposition.IsIgnored(underNohup, SignalDisposition.Sighup));
        Assert.False(SignalDisposition.IsIgnored(withDefault, SignalDisposition.Sighup));
    }

    [Theory]
    [InlineData("Name:\tx\nSigIgn:\t0000000000000001\n", 1, true)]
    [InlineData("SigIgn:\t0000000000000004\n", 1, false)]
    [InlineData("SigIgn:\t0000000000000004\n", 3, true)]
    [InlineData("Name:\tx\n", 1, false)]
    public void IsIgnored_ReadsTheSigIgnMask(string status, int signal, bool ignored) =>
        Assert.Equal(ignored, SignalDisposition.IsIgnored(status, signal));

    private static async Task<string> StatusOfAsync(string program, params string[] arguments)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var output = await process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        Assert.True(process.ExitCode == 0, $"{program} exited {process.ExitCode}: {await process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken)}");
        return output;
    }
}
