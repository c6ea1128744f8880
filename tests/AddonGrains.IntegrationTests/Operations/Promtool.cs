using AddonGrains.IntegrationTests.Processes;

namespace AddonGrains.IntegrationTests.Operations;

/// <summary>
/// <c>promtool</c> from Debian's <c>prometheus</c> package, installed by <c>scripts/install-prometheus.sh</c> when
/// missing. Without it the tests skip loudly, except under <c>CI=true</c>, where they fail.
/// </summary>
internal static class Promtool
{
    private static readonly SemaphoreSlim InstallLock = new(1, 1);

    public static async Task<(int ExitCode, string Output)> RunAsync(IEnumerable<string> arguments, CancellationToken ct)
    {
        await EnsureInstalledAsync(ct);
        return await ProcessRunner.RunAsync("promtool", arguments, ct);
    }

    private static string? Find() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Select(d => Path.Combine(d, "promtool")).FirstOrDefault(File.Exists);

    private static async Task EnsureInstalledAsync(CancellationToken ct)
    {
        await InstallLock.WaitAsync(ct);
        try
        {
            if (Find() is not null)
            {
                return;
            }

            var script = Path.Combine(RepoPaths.Root, "scripts", "install-prometheus.sh");
            var (exitCode, output) = await ProcessRunner.RunAsync(script, [], ct);
            if (exitCode == 0 && Find() is not null)
            {
                return;
            }

            var reason = $"!!! promtool is missing and {script} could not install it (exit {exitCode}). Alert rule tests are SKIPPED. !!!\n{output}";
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException(reason + " (CI=true: this is a failure)");
            }

            await Console.Error.WriteLineAsync(reason);
            Assert.Skip(reason);
        }
        finally
        {
            InstallLock.Release();
        }
    }
}
