using System.Diagnostics.Metrics;
using AddonGrains.Upstream.Jenkins;
using AddonGrains.Upstream.Ocm;
using AddonGrains.Upstream.Ocm.Budget;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Options;

namespace AddonGrains.Configuration;

/// <summary>
/// The OCM and Jenkins client factories of the running configuration. The typed clients are registered per
/// connection, so a reload that changes a connection (URL, user, a rotated secret, a new instance) builds a new
/// small container for them and swaps it in; calls already running finish on the old one, which is disposed later.
/// </summary>
internal sealed class ReloadableUpstream : IOcmClientFactory, IJenkinsClientFactory, IDisposable
{
    private static readonly TimeSpan RetireAfter = TimeSpan.FromMinutes(20);

    private readonly IServiceProvider _root;
    private readonly SettingsSource _source;
    private readonly Action<OcmClientOptions>? _ocm;
    private readonly Action<JenkinsClientOptions>? _jenkins;
    private readonly Lock _lock = new();
    private Generation _current;

    public ReloadableUpstream(IServiceProvider root, SettingsSource source, Action<OcmClientOptions>? ocm, Action<JenkinsClientOptions>? jenkins)
    {
        _root = root;
        _source = source;
        _ocm = ocm;
        _jenkins = jenkins;
        _current = Build(source.Current);
        source.Applied += OnApplied;
    }

    public IOcmClient Create(string ocmName) => Volatile.Read(ref _current).Ocm.Create(ocmName);

    IJenkinsClient IJenkinsClientFactory.Create(string instanceName) => Volatile.Read(ref _current).Jenkins.Create(instanceName);

    public void Dispose()
    {
        _source.Applied -= OnApplied;
        _current.Services.Dispose();
    }

    private void OnApplied(SettingsSource.Snapshot previous, SettingsSource.Snapshot current)
    {
        lock (_lock)
        {
            var (ocm, jenkins) = Connections(current.Settings);
            if (ocm.SequenceEqual(_current.OcmConnections) && jenkins.SequenceEqual(_current.JenkinsConnections))
            {
                return;
            }

            var old = _current;
            Volatile.Write(ref _current, Build(current.Settings));
            // Checks and deliveries still running hold clients of the old container; give them time to finish.
            _ = Task.Delay(RetireAfter).ContinueWith(_ => old.Services.Dispose(), TaskScheduler.Default);
        }
    }

    private Generation Build(AddonGrainsSettings settings)
    {
        var (ocm, jenkins) = Connections(settings);
        var services = new ServiceCollection();
        services.AddSingleton(_root.GetRequiredService<ILoggerFactory>());
        services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        services.AddSingleton(_root.GetService<TimeProvider>() ?? TimeProvider.System);
        // The budgets outlive this generation: old and new clients count against the same one (not disposed here).
        services.AddSingleton(_root.GetRequiredService<OcmBudgets>());
        if (_root.GetService<IMeterFactory>() is { } meters)
        {
            services.AddSingleton(meters);
        }

        // The host's HttpClient defaults (ConfigureHttpClientDefaults, e.g. the benchmark's timing handler) apply here too.
        foreach (var defaults in _root.GetServices<IConfigureOptions<HttpClientFactoryOptions>>())
        {
            services.AddSingleton(defaults);
        }

        services.AddOcmClients(ocm, _ocm);
        services.AddJenkinsClients(jenkins, _jenkins);
        var provider = services.BuildServiceProvider();
        return new Generation(provider, provider.GetRequiredService<IOcmClientFactory>(), provider.GetRequiredService<IJenkinsClientFactory>(), ocm, jenkins);
    }

    /// <summary>The upstream connections (secrets included) of a configuration.</summary>
    internal static (ImmutableArray<OcmConnection> Ocm, ImmutableArray<JenkinsConnection> Jenkins) Connections(AddonGrainsSettings settings) =>
        ([.. settings.Ocm.Select(o => new OcmConnection(o.Name, o.Url, o.AccessTokenUrl, o.AccessTokenClientId, o.AccessTokenClientSecret.Value,
            o.MaxConcurrency, o.MaxRequestsPerSecond))],
         [.. settings.Jenkins.Select(j => new JenkinsConnection(j.Name, j.ServerUrl, j.User, j.Token?.Value, j.Password?.Value))]);

    private sealed record Generation(
        ServiceProvider Services, IOcmClientFactory Ocm, IJenkinsClientFactory Jenkins,
        ImmutableArray<OcmConnection> OcmConnections, ImmutableArray<JenkinsConnection> JenkinsConnections);
}
