using System.Diagnostics;

namespace AddonGrains.Tests.Telemetry;

/// <summary>
/// A real OTLP receiver on loopback: the standalone Aspire dashboard, which ships in the NuGet package
/// <c>Aspire.Dashboard.Sdk.linux-x64</c>. It is installed by an ordinary <c>dotnet restore</c> of a throw-away project
/// holding one <c>PackageDownload</c>, accepts OTLP/HTTP and answers <c>/api/telemetry/{traces,logs,resources}</c>
/// with what it received (it has no metrics query).
/// </summary>
public sealed class OtlpReceiver : IAsyncDisposable
{
    public const string PackageId = "Aspire.Dashboard.Sdk.linux-x64";
    public const string PackageVersion = "13.6.5";

    private readonly Process _process;

    private OtlpReceiver(Process process, Uri otlpHttp, Uri api)
    {
        _process = process;
        OtlpHttp = otlpHttp;
        Api = api;
    }

    /// <summary>Base address for OTLP/HTTP (exporters append <c>/v1/traces</c> and so on).</summary>
    public Uri OtlpHttp { get; }

    /// <summary>The dashboard's own address, where <c>/api/telemetry/...</c> answers.</summary>
    public Uri Api { get; }

    public static async Task<OtlpReceiver> StartAsync(CancellationToken cancellationToken)
    {
        var executable = await InstallAsync(cancellationToken);
        var (apiPort, otlpPort) = (FreePort.Next(), FreePort.Next());
        var start = new ProcessStartInfo(executable)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(executable)!,
        };
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{apiPort}";
        start.Environment["ASPIRE_DASHBOARD_OTLP_HTTP_ENDPOINT_URL"] = $"http://127.0.0.1:{otlpPort}";
        start.Environment["ASPIRE_DASHBOARD_UNSECURED_ALLOW_ANONYMOUS"] = "true";
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {executable}");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var receiver = new OtlpReceiver(process, new Uri($"http://127.0.0.1:{otlpPort}"), new Uri($"http://127.0.0.1:{apiPort}"));
        try
        {
            using var http = new HttpClient();
            await Wait.UntilAsync(
                async () =>
                {
                    if (process.HasExited)
                    {
                        throw new InvalidOperationException($"the OTLP receiver exited with {process.ExitCode}");
                    }

                    using var response = await http.GetAsync(new Uri(receiver.Api, "/api/telemetry/resources"), cancellationToken);
                    return response.StatusCode;
                },
                status => status == System.Net.HttpStatusCode.OK, TimeSpan.FromSeconds(60), "the OTLP receiver to answer",
                retryOn: ex => ex is HttpRequestException, interval: TimeSpan.FromMilliseconds(100), cancellationToken: cancellationToken);
        }
        catch
        {
            await receiver.DisposeAsync();
            throw;
        }

        return receiver;
    }

    /// <summary>GETs <c>/api/telemetry/{what}</c> (OTLP JSON).</summary>
    public async Task<string> QueryAsync(string what, CancellationToken cancellationToken)
    {
        using var http = new HttpClient();
        return await http.GetStringAsync(new Uri(Api, $"/api/telemetry/{what}"), cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    /// <summary>The dashboard executable, restored into the NuGet package folder when it is not there yet.</summary>
    private static async Task<string> InstallAsync(CancellationToken cancellationToken)
    {
        var packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var executable = Path.Combine(packages, PackageId.ToLowerInvariant(), PackageVersion, "tools", "Aspire.Dashboard");
        if (!File.Exists(executable))
        {
            var project = Directory.CreateTempSubdirectory("otlp-receiver-");
            try
            {
                await File.WriteAllTextAsync(Path.Combine(project.FullName, "receiver.csproj"), $"""
                    <Project Sdk="Microsoft.NET.Sdk">
                      <PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup>
                      <ItemGroup><PackageDownload Include="{PackageId}" Version="[{PackageVersion}]" /></ItemGroup>
                    </Project>
                    """, cancellationToken);
                using var restore = Process.Start(new ProcessStartInfo("dotnet", "restore")
                {
                    WorkingDirectory = project.FullName,
                    UseShellExecute = false,
                    RedirectStandardOutput = true,
                    RedirectStandardError = true,
                })!;
                var output = await restore.StandardOutput.ReadToEndAsync(cancellationToken);
                await restore.WaitForExitAsync(cancellationToken);
                if (restore.ExitCode != 0 || !File.Exists(executable))
                {
                    throw new InvalidOperationException($"restoring {PackageId} {PackageVersion} failed ({restore.ExitCode}): {output}");
                }
            }
            finally
            {
                project.Delete(recursive: true);
            }
        }

        // Package extraction keeps no execute bit for this file.
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(executable, File.GetUnixFileMode(executable) | UnixFileMode.UserExecute);
        }

        return executable;
    }
}
