using System.Diagnostics;
using AddonGrains.IntegrationTests.Processes;

namespace AddonGrains.IntegrationTests.Operations;

/// <summary>
/// Debian's headless <c>chromium</c>, installed by <c>scripts/install-chromium.sh</c> when missing. Without it the
/// tests skip loudly, except under <c>CI=true</c>, where they fail.
/// </summary>
internal static class Chromium
{
    public const string Path = "/usr/bin/chromium";

    private static readonly SemaphoreSlim InstallLock = new(1, 1);

    private static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static async Task EnsureInstalledAsync(CancellationToken ct)
    {
        await InstallLock.WaitAsync(ct);
        try
        {
            if (File.Exists(Path))
            {
                return;
            }

            var script = System.IO.Path.Combine(RepoPaths.Root, "scripts", "install-chromium.sh");
            var (exitCode, output) = await ProcessRunner.RunAsync(script, [], ct);
            if (exitCode == 0 && File.Exists(Path))
            {
                return;
            }

            var reason = $"!!! chromium is missing and {script} could not install it (exit {exitCode}). Status page browser tests are SKIPPED. !!!\n{output}";
            if (IsCi)
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

    /// <summary>The DOM after the page loaded (<c>--dump-dom</c>).</summary>
    public static async Task<string> DumpDomAsync(Uri url, CancellationToken ct) => (await RunAsync(["--dump-dom", url.AbsoluteUri], ct)).Trim();

    /// <summary>A PNG of the page at 1280×800.</summary>
    public static async Task ScreenshotAsync(Uri url, string file, CancellationToken ct)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(file)!);
        await RunAsync([$"--screenshot={file}", "--window-size=1280,800", "--hide-scrollbars", url.AbsoluteUri], ct);
    }

    private static async Task<string> RunAsync(IEnumerable<string> arguments, CancellationToken ct)
    {
        var profile = Directory.CreateTempSubdirectory("addongrains-chromium-");
        try
        {
            var info = new ProcessStartInfo(Path) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var argument in (string[])["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                $"--user-data-dir={profile.FullName}", .. arguments])
            {
                info.ArgumentList.Add(argument);
            }

            using var process = Process.Start(info) ?? throw new InvalidOperationException("chromium did not start");
            var stdout = process.StandardOutput.ReadToEndAsync(ct);
            var stderr = process.StandardError.ReadToEndAsync(ct);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(60));
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException("chromium did not finish in 60 s:\n" + await stderr);
            }

            return process.ExitCode == 0 ? await stdout : throw new InvalidOperationException($"chromium exited with {process.ExitCode}:\n{await stderr}");
        }
        finally
        {
            try
            {
                profile.Delete(recursive: true);
            }
            catch (IOException)
            {
                // A chromium helper process may still be closing its files; the temp directory is harmless.
            }
        }
    }
}
