using Microsoft.AspNetCore.Builder;

namespace AddonGrains.Simulators.Jenkins;

/// <summary>
/// A Jenkins remote-API simulator on a real loopback HTTP server (docs/upstream-apis.md, "Jenkins"). Thread-safe control surface:
/// jobs, users, queue cancellation, faults, latency, and a record of every request.
/// </summary>
public sealed class JenkinsSimulator : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly SimState _state;
    private readonly SimJson _json;

    private JenkinsSimulator(WebApplication app, SimState state, SimJson json)
    {
        _app = app;
        _state = state;
        _json = json;
    }

    /// <summary>Root URL, ending with '/', e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseUrl { get; private set; } = new("http://127.0.0.1/");

    /// <summary>Extra real-time latency added to every request.</summary>
    public TimeSpan RequestLatency
    {
        get { lock (_state.Gate) { return _state.RequestLatency; } }
        set { lock (_state.Gate) { _state.RequestLatency = value; } }
    }

    /// <summary>Every request received so far, in arrival order.</summary>
    public IReadOnlyList<JenkinsSimRequest> Requests
    {
        get { lock (_state.Gate) { return [.. _state.Requests]; } }
    }

    /// <summary>Waiting items and retained LeftItems, by id.</summary>
    public IReadOnlyList<JenkinsSimQueueItem> QueueItems
    {
        get
        {
            lock (_state.Gate)
            {
                _state.Advance();
                return [.. _state.Items.Values.Select(i => new JenkinsSimQueueItem(
                    i.Id, i.Job.Path, ToDictionary(i.Parameters), i.Causes.Count, i.LeftAt is not null, i.Cancelled, i.Build?.Number, i.Due))];
            }
        }
    }

    /// <summary>Starts the simulator on 127.0.0.1 (port from <paramref name="options"/>, 0 = free port).</summary>
    public static async Task<JenkinsSimulator> StartAsync(JenkinsSimulatorOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new JenkinsSimulatorOptions();
        var app = LoopbackWebHost.Build(options.Port, options.ListenAddress);
        var state = new SimState(options);
        JenkinsSimulator? simulator = null;
        var json = new SimJson(state, () => simulator!.BaseUrl);
        simulator = new JenkinsSimulator(app, state, json);
        var http = new SimHttp(state, json);
        simulator.BaseUrl = await LoopbackWebHost.StartAsync(app, http.HandleAsync, cancellationToken, options.PublicUrl);
        return simulator;
    }

    /// <summary>Adds or replaces a job (replacing keeps its builds and build numbers).</summary>
    public void AddJob(JenkinsSimJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        lock (_state.Gate)
        {
            if (_state.Jobs.TryGetValue(job.Path, out var existing))
            {
                existing.Definition = job;
            }
            else
            {
                _state.Jobs.Add(job.Path, new SimJob(job));
            }
        }
    }

    /// <summary>Enables or disables a job.</summary>
    public void SetJobDisabled(string jobPath, bool disabled)
    {
        lock (_state.Gate)
        {
            var job = _state.Jobs[jobPath];
            job.Definition = job.Definition with { Disabled = disabled };
        }
    }

    /// <summary>Adds a user with an API token (no crumb needed) and/or a password (crumb + session needed).</summary>
    public void AddUser(string name, string? apiToken = null, string? password = null, bool canBuild = true)
    {
        lock (_state.Gate)
        {
            _state.Users[name] = (apiToken, password, canBuild);
        }
    }

    /// <summary>Cancels a waiting item: it becomes a LeftItem with <c>cancelled: true</c> and <c>executable: null</c>.</summary>
    public bool CancelQueueItem(long queueId)
    {
        lock (_state.Gate)
        {
            _state.Advance();
            if (!_state.Items.TryGetValue(queueId, out var item) || item.LeftAt is not null)
            {
                return false;
            }

            item.Cancelled = true;
            item.LeftAt = _state.Now;
            return true;
        }
    }

    /// <summary>Adds a fault; faults are checked in the order they were added.</summary>
    public void InjectFault(JenkinsSimFault fault)
    {
        ArgumentNullException.ThrowIfNull(fault);
        lock (_state.Gate)
        {
            _state.AddFault(fault);
        }
    }

    /// <summary>Removes all faults.</summary>
    public void ClearFaults()
    {
        lock (_state.Gate)
        {
            _state.ClearFaults();
        }
    }

    /// <summary>The job's builds, oldest first, with their parameters and results at the current time.</summary>
    public IReadOnlyList<JenkinsSimBuild> Builds(string jobPath)
    {
        lock (_state.Gate)
        {
            _state.Advance();
            var now = _state.Now;
            return _state.Jobs.TryGetValue(jobPath, out var job)
                ? [.. job.Builds.Select(b => new JenkinsSimBuild(
                    jobPath, b.Number, b.QueueId, ToDictionary(b.Parameters), b.Causes.Count, now < b.End,
                    _json.Build(b)["result"]?.GetValue<string>()))]
                : [];
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static Dictionary<string, string> ToDictionary(List<KeyValuePair<string, string>>? parameters) =>
        (parameters ?? []).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
}
