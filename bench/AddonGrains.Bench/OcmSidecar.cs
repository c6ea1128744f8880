using System.Globalization;
using System.Text.Json;

namespace AddonGrains.Bench;

/// <summary>
/// The OCM simulator of a bench run, in a process of its own (this program started with <see cref="Mode"/>), so the
/// CPU time and allocations the bench reports are the silo's alone, as in production where OCM is elsewhere.
/// Driven over its standard input, one command per line, one answer line each (<see cref="OcmSidecarServer"/>).
/// </summary>
internal sealed class OcmSidecar : IAsyncDisposable
{
    public const string Mode = "--ocm-sidecar";

    private readonly Process _process;
    private readonly SemaphoreSlim _gate = new(1, 1);

    private OcmSidecar(Process process, Uri baseUrl)
    {
        _process = process;
        BaseUrl = baseUrl;
    }

    public Uri BaseUrl { get; }

    /// <summary>Starts the sidecar with the same world description as <paramref name="options"/> gives this process.</summary>
    public static async Task<OcmSidecar> StartAsync(BenchOptions options)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath ?? throw new InvalidOperationException("no process path"))
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        if (Path.GetFileNameWithoutExtension(start.FileName) == "dotnet")
        {
            start.ArgumentList.Add(typeof(OcmSidecar).Assembly.Location);
        }
        start.ArgumentList.Add(Mode);
        start.ArgumentList.Add(JsonSerializer.Serialize(options));
        var process = Process.Start(start) ?? throw new InvalidOperationException("the OCM sidecar did not start");
        var ready = await process.StandardOutput.ReadLineAsync()
            ?? throw new InvalidOperationException($"the OCM sidecar exited ({(process.HasExited ? process.ExitCode : -1)}) before it was ready");
        return new OcmSidecar(process, new Uri(ready));
    }

    public static BenchOptions ParseOptions(string json) =>
        JsonSerializer.Deserialize<BenchOptions>(json) ?? throw new ArgumentException("no bench options for the OCM sidecar");

    public TimeSpan RequestLatency
    {
        set => Send($"latency {value.TotalMilliseconds.ToString(CultureInfo.InvariantCulture)}");
    }

    public int PeakInFlightRequests => int.Parse(Send("peak"), CultureInfo.InvariantCulture);

    public void ResetPeakInFlight() => Send("reset-peak");

    public void ResetRequestCounts() => Send("reset-counts");

    public int RequestCount(string route) => int.Parse(Send($"count {route}"), CultureInfo.InvariantCulture);

    /// <summary>Answers the next request on <paramref name="route"/> with 429 and <c>Retry-After</c>, and reports what arrived during it (<see cref="PauseProbe"/>).</summary>
    public Task<PauseProbe> PauseAsync(string route, TimeSpan retryAfter) =>
        Task.Run(() => PauseProbe.Parse(Send($"pause {route} {(int)retryAfter.TotalSeconds}")));

    public void SetAddonInstallation(string clusterId, string addonId, string version, string state = "ready") =>
        Send($"set {clusterId} {addonId} {version} {state}");

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            await _process.StandardInput.WriteLineAsync("exit");
            _process.StandardInput.Close();
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        }
        _process.Dispose();
        _gate.Dispose();
    }

    private string Send(string command)
    {
        _gate.Wait();
        try
        {
            _process.StandardInput.WriteLine(command);
            _process.StandardInput.Flush();
            var answer = _process.StandardOutput.ReadLine() ?? throw new InvalidOperationException($"the OCM sidecar exited during '{command}'");
            return answer.StartsWith("error ", StringComparison.Ordinal)
                ? throw new InvalidOperationException($"the OCM sidecar refused '{command}': {answer}")
                : answer;
        }
        finally
        {
            _gate.Release();
        }
    }
}
