using System.Collections.Concurrent;
using System.Globalization;
using AddonGrains.Testing;

namespace AddonGrains.Bench;

/// <summary>
/// One production silo process (<c>dotnet AddonGrains.Silo.dll</c>, the Release build beside the bench, which the
/// bench project references without loading it) on free loopback ports, with its CPU time and peak RSS read from
/// /proc and its <c>/metrics</c> scraped over HTTP. Its output is kept (last lines only) for error messages.
/// </summary>
internal sealed class SiloHostProcess : IAsyncDisposable
{
    private const int KeptLines = 80;
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _tail = new();

    private SiloHostProcess(Process process, string name, int httpPort)
    {
        _process = process;
        Name = name;
        HttpUrl = new Uri($"http://127.0.0.1:{httpPort}/");
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string Name { get; }

    public Uri HttpUrl { get; }

    public int ProcessId => _process.Id;

    /// <summary>The silo built in the bench's own configuration (Release for a measured run).</summary>
    public static string SiloDll
    {
        get
        {
            var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
            return Path.Combine(RepositoryRoot.Path, "src", "Silo", "bin", configuration, "net10.0", "AddonGrains.Silo.dll");
        }
    }

    /// <summary>
    /// Starts a silo on <paramref name="configPath"/> and the PostgreSQL database <paramref name="connectionString"/>;
    /// <paramref name="environment"/> (secrets, cluster id) comes on top of the ports and the logging level.
    /// </summary>
    public static SiloHostProcess Start(string name, string configPath, string connectionString, IReadOnlyDictionary<string, string> environment)
    {
        var dll = SiloDll;
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException($"{dll} does not exist: build the bench (it builds the silo) or run 'dotnet build -c Release src/Silo'");
        }

        var httpPort = FreePort.Next();
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        foreach (var argument in new[] { dll, "--config", configPath, "--urls", $"http://127.0.0.1:{httpPort}" })
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment.Remove("ADDONGRAINS_CONFIG");
        info.Environment["ConnectionStrings__Orleans"] = connectionString;
        info.Environment["Orleans__SiloPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture);
        info.Environment["Orleans__GatewayPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture);
        // As the in-process bench: per-activation and per-request logging would cost more than what is measured.
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        info.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        return new SiloHostProcess(Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start"), name, httpPort);
    }

    /// <summary>Waits until <c>/readyz</c> answers 2xx; fails with the silo's last output lines if it exits or times out.</summary>
    public async Task WaitUntilReadyAsync(TimeSpan timeout)
    {
        try
        {
            await Wait.UntilAsync(
                async () =>
                {
                    if (_process.HasExited)
                    {
                        throw new InvalidOperationException($"{Name} exited with {_process.ExitCode} before it was ready:\n{Tail}");
                    }

                    using var response = await Http.GetAsync(new Uri(HttpUrl, "readyz"));
                    return response.IsSuccessStatusCode;
                },
                ready => ready, timeout, $"{Name} to be ready (/readyz 2xx)",
                retryOn: ex => ex is HttpRequestException or TaskCanceledException, interval: TimeSpan.FromMilliseconds(200));
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException($"{ex.Message}\n{Name} output:\n{Tail}", ex);
        }
    }

    /// <summary>User + system CPU time of the process so far (utime + stime of /proc/PID/stat, in USER_HZ = 100 ticks per second).</summary>
    public TimeSpan CpuTime()
    {
        // The command name (field 2) may hold spaces: the fields that follow start after its closing parenthesis.
        var stat = File.ReadAllText($"/proc/{_process.Id}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds(ticks / 100.0);
    }

    /// <summary>Peak resident set size of the process (<c>VmHWM</c> of /proc/PID/status), in MB.</summary>
    public double PeakResidentMegabytes() => ProcessMemory.StatusKilobytes($"/proc/{_process.Id}/status", "VmHWM:") / 1024.0;

    /// <summary>The sum of every series of the Prometheus counter <paramref name="metric"/> on <c>/metrics</c>; 0 when it has none but other AddonGrains series, null when it has no AddonGrains series at all.</summary>
    public async Task<double?> ScrapeCounterAsync(string metric)
    {
        var text = await Http.GetStringAsync(new Uri(HttpUrl, "metrics"));
        double? sum = null;
        foreach (var line in text.Split('\n'))
        {
            // name{labels} value [timestamp]
            var name = line.Split(' ', '{')[0];
            var rest = line[(line.StartsWith(metric + "{", StringComparison.Ordinal) ? line.LastIndexOf('}') + 1 : name.Length)..];
            if (name == metric && double.TryParse(rest.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault(), NumberStyles.Float,
                CultureInfo.InvariantCulture, out var value))
            {
                sum = (sum ?? 0) + value;
            }
        }

        // OpenTelemetry prints a counter only once it was incremented: a silo exporting the product's other series
        // but not this one counted none.
        return sum ?? (text.Contains("\naddongrains_", StringComparison.Ordinal) ? 0 : null);
    }

    public string Tail => string.Join('\n', _tail);

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            // SIGTERM: a graceful stop; the cluster and the database go away right after anyway.
            using var term = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]);
            await term!.WaitForExitAsync();
            try
            {
                await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(40));
            }
            catch (TimeoutException)
            {
                _process.Kill(entireProcessTree: true);
            }
        }

        _process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        _tail.Enqueue(line);
        while (_tail.Count > KeptLines && _tail.TryDequeue(out _))
        {
        }
    }
}
