using System.Collections.Concurrent;
using System.Diagnostics;

namespace AddonGrains.IntegrationTests.Processes;

/// <summary>
/// A real silo process (<c>dotnet AddonGrains.Silo.dll</c>, or the demo's) on its own ports, with its output captured so tests can
/// wait for log lines. <see cref="Kill"/> is SIGKILL; <see cref="StopAsync"/> is SIGTERM.
/// </summary>
public sealed class SiloProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly ConcurrentQueue<(DateTime At, string Line)> _timed = new();

    private SiloProcess(Process process, int siloPort, int gatewayPort, int httpPort, string name, string host)
    {
        Host = host;
        _process = process;
        SiloPort = siloPort;
        GatewayPort = gatewayPort;
        HttpPort = httpPort;
        Name = name;
        process.OutputDataReceived += (_, e) => Record(e.Data);
        process.ErrorDataReceived += (_, e) => Record(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string Name { get; }

    /// <summary>The address this silo's host has (127.0.0.1 unless the test gives it its own, e.g. 127.0.0.3).</summary>
    public string Host { get; }

    public int SiloPort { get; }

    public int GatewayPort { get; }

    public int HttpPort { get; }

    public Uri HttpUrl => new($"http://{Host}:{HttpPort}/");

    public string Gateway => $"{Host}:{GatewayPort}";

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public IReadOnlyList<string> Output => [.. _lines];

    /// <summary>
    /// Starts a silo with <paramref name="configPath"/>; <paramref name="connectionString"/> null means local mode. A
    /// <paramref name="host"/> other than 127.0.0.1 is the silo's own address (<c>Orleans__AdvertisedIP</c> unless the
    /// environment says otherwise), as if on its own machine; <paramref name="launcher"/> runs dotnet through another
    /// program (e.g. <c>ip netns exec NS</c>). <paramref name="dll"/> is the program (the silo unless given, e.g.
    /// <see cref="RepoPaths.DemoDll"/>).
    /// </summary>
    public static SiloProcess Start(string? configPath, string? connectionString, IDictionary<string, string>? environment = null,
        string[]? arguments = null, string name = "silo", int? siloPort = null, int? gatewayPort = null, int? httpPort = null,
        string host = "127.0.0.1", string[]? launcher = null, string? dll = null)
    {
        dll ??= RepoPaths.SiloDll;
        var (silo, gateway, http) = (siloPort ?? FreePort.Next(), gatewayPort ?? FreePort.Next(), httpPort ?? FreePort.Next());
        // `env --default-signal=HUP` execs dotnet (same process id) with SIGHUP at its default: the test runner may have
        // been started with SIGHUP ignored (nohup), which the silo would inherit, and SIGHUP reload is under test.
        var info = new ProcessStartInfo(launcher?[0] ?? "env")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        string[] prefix = launcher is null ? ["--default-signal=HUP", "dotnet"] : [.. launcher[1..], "env", "--default-signal=HUP", "dotnet"];
        foreach (var part in prefix)
        {
            info.ArgumentList.Add(part);
        }

        info.ArgumentList.Add(dll);
        if (configPath is not null)
        {
            info.ArgumentList.Add("--config");
            info.ArgumentList.Add(configPath);
        }

        foreach (var argument in arguments ?? [])
        {
            info.ArgumentList.Add(argument);
        }

        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add($"http://{host}:{http}");
        info.Environment.Remove("ADDONGRAINS_CONFIG");
        if (host != "127.0.0.1")
        {
            info.Environment["Orleans__AdvertisedIP"] = host;
        }

        info.Environment["ConnectionStrings__Orleans"] = connectionString ?? "";
        info.Environment["Orleans__SiloPort"] = silo.ToString(System.Globalization.CultureInfo.InvariantCulture);
        info.Environment["Orleans__GatewayPort"] = gateway.ToString(System.Globalization.CultureInfo.InvariantCulture);
        info.Environment["Logging__Console__FormatterName"] = "simple";
        info.Environment["Logging__Console__FormatterOptions__SingleLine"] = "true";
        info.Environment["DOTNET_NOLOGO"] = "1";
        ShortLivedDotnet.Configure(info.Environment);
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        return new SiloProcess(Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start"), silo, gateway, http, name, host);
    }

    /// <summary>Waits until <c>/readyz</c> answers 2xx, or fails with the process output.</summary>
    public async Task WaitUntilReadyAsync(TimeSpan? timeout = null, CancellationToken ct = default)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        await WithOutputOnTimeout(Wait.UntilAsync(
            async () =>
            {
                ThrowIfExited("before it was ready");
                using var response = await http.GetAsync(new Uri(HttpUrl, "readyz"), ct);
                return response.StatusCode;
            },
            status => (int)status is >= 200 and < 300, timeout ?? TimeSpan.FromSeconds(60), $"{Name} to be ready (/readyz 2xx)",
            retryOn: ex => ex is HttpRequestException || (ex is TaskCanceledException && !ct.IsCancellationRequested),
            interval: TimeSpan.FromMilliseconds(200), cancellationToken: ct));
    }

    /// <summary>Waits for an output line containing <paramref name="text"/>.</summary>
    public async Task<string> WaitForLineAsync(string text, TimeSpan? timeout = null, CancellationToken ct = default) =>
        (await WithOutputOnTimeout(Wait.UntilAsync(
            () =>
            {
                var line = _lines.FirstOrDefault(l => l.Contains(text, StringComparison.Ordinal));
                if (line is null)
                {
                    ThrowIfExited($"without a line containing '{text}'");
                }

                return Task.FromResult(line);
            },
            line => line is not null, timeout ?? TimeSpan.FromSeconds(60), $"{Name} to log a line containing '{text}'",
            describe: _ => "no such line", cancellationToken: ct)))!;

    /// <summary>Waits for the process to exit by itself.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout, CancellationToken ct = default)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new TimeoutException($"{Name} did not exit within {timeout.TotalSeconds:0} s; output:\n{Tail(120)}");
        }

        _process.WaitForExit();
        return _process.ExitCode;
    }

    /// <summary>SIGKILL: no shutdown, no goodbye to the cluster.</summary>
    public void Kill()
    {
        if (!HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
    }

    /// <summary>Sends a signal, e.g. <c>HUP</c> (configuration reload).</summary>
    public async Task SignalAsync(string signal, CancellationToken ct = default)
    {
        using var kill = Process.Start("kill", [$"-{signal}", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await kill!.WaitForExitAsync(ct);
        if (kill.ExitCode != 0)
        {
            throw new InvalidOperationException($"kill -{signal} {_process.Id} ({Name}) exited {kill.ExitCode}");
        }
    }

    /// <summary>SIGTERM, then wait for a graceful exit.</summary>
    public async Task<int> StopAsync(TimeSpan timeout, CancellationToken ct = default)
    {
        if (!HasExited)
        {
            using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            await kill!.WaitForExitAsync(ct);
        }

        return await WaitForExitAsync(timeout, ct);
    }

    /// <summary>When a line containing <paramref name="text"/> last arrived, or null.</summary>
    public DateTime? LastLineAt(string text) =>
        _timed.Where(l => l.Line.Contains(text, StringComparison.Ordinal)).Select(l => (DateTime?)l.At).LastOrDefault();

    private void Record(string? line)
    {
        if (line is not null)
        {
            _lines.Enqueue(line);
            _timed.Enqueue((DateTime.UtcNow, line));
        }
    }

    public string Tail(int lines = 60) => string.Join('\n', Output.TakeLast(lines));

    private void ThrowIfExited(string what)
    {
        if (HasExited)
        {
            throw new InvalidOperationException($"{Name} exited with {ExitCode} {what}:\n{Tail()}");
        }
    }

    private async Task<T> WithOutputOnTimeout<T>(Task<T> wait)
    {
        try
        {
            return await wait;
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException($"{ex.Message}\n{Name} output:\n{Tail()}", ex);
        }
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        _process.Dispose();
        return ValueTask.CompletedTask;
    }
}
