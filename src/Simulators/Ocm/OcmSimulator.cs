using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;

namespace AddonGrains.Simulators.Ocm;

/// <summary>
/// An OCM simulator on loopback HTTP (clusters_mgmt v1, the add-on service addons_mgmt v1 and the SSO token
/// endpoint), with a thread-safe control surface: clusters, installations, catalog, fault injection and request
/// counters. Both APIs serve one world: an installation has its version, desired version, state and status
/// conditions, and clusters_mgmt shows the states it knows (see <see cref="SetAddonInstallation"/>).
/// </summary>
public sealed class OcmSimulator : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly CancellationTokenSource _shutdown;
    private readonly OcmSimulatorState _state;
    private readonly OcmTokenIssuer _tokens;
    private readonly OcmFaultInjector _faults;
    private readonly OcmRequestHandler _handler;
    private readonly ConcurrentDictionary<string, string> _clients;

    private OcmSimulator(WebApplication app, CancellationTokenSource shutdown, OcmSimulatorOptions options)
    {
        _app = app;
        _shutdown = shutdown;
        _state = new OcmSimulatorState(options.TimeProvider);
        _tokens = new OcmTokenIssuer(options.TimeProvider, options.TokenLifetime);
        _faults = new OcmFaultInjector();
        _clients = new ConcurrentDictionary<string, string>(options.Clients, StringComparer.Ordinal);
        _handler = new OcmRequestHandler(_state, _tokens, _faults, _clients, new Random(options.Seed), shutdown.Token)
        {
            MaxPageSize = options.MaxPageSize ?? 0,
        };
    }

    /// <summary>Root URL of the API, e.g. <c>http://127.0.0.1:54321/</c>.</summary>
    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>The token endpoint (Keycloak-style path under <see cref="BaseUrl"/>).</summary>
    public Uri TokenUrl => new(BaseUrl, OcmRoutes.TokenPath);

    /// <summary>Latency added to every request (benchmarks).</summary>
    public TimeSpan RequestLatency { get => _handler.Latency; set => _handler.Latency = value; }

    /// <summary>The most items per list page, whatever <c>size</c> asked for; null for no cap (see <see cref="OcmSimulatorOptions.MaxPageSize"/>).</summary>
    public int? MaxPageSize
    {
        get => _handler.MaxPageSize > 0 ? _handler.MaxPageSize : null;
        set => _handler.MaxPageSize = value is > 0 ? value.Value : value is null ? 0 : throw new ArgumentOutOfRangeException(nameof(value), "must be positive");
    }

    /// <summary>API requests (token requests excluded) being worked on now, from arrival until the answer starts.</summary>
    public int InFlightRequests => _handler.InFlight.Now;

    /// <summary>The most API requests in flight at once since the start or <see cref="ResetPeakInFlight"/>.</summary>
    public int PeakInFlightRequests => _handler.InFlight.Peak;

    /// <summary>Starts a new peak from the requests in flight now.</summary>
    public void ResetPeakInFlight() => _handler.InFlight.ResetPeak();

    /// <summary>Lifetime of tokens issued from now on.</summary>
    public TimeSpan TokenLifetime { get => _tokens.Lifetime; set => _tokens.Lifetime = value; }

    /// <summary>Starts the simulator on 127.0.0.1 (a free port unless <see cref="OcmSimulatorOptions.Port"/> is set).</summary>
    public static async Task<OcmSimulator> StartAsync(OcmSimulatorOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new OcmSimulatorOptions();
        var app = LoopbackWebHost.Build(options.Port, options.ListenAddress);
        var simulator = new OcmSimulator(app, new CancellationTokenSource(), options);
        simulator.BaseUrl = await LoopbackWebHost.StartAsync(app, simulator._handler.HandleAsync, cancellationToken, options.PublicUrl);
        return simulator;
    }

    /// <summary>Adds (or replaces) a cluster.</summary>
    public void AddCluster(SimulatedCluster cluster) => _state.AddCluster(cluster);

    /// <summary>Removes a cluster and its installations; false when unknown.</summary>
    public bool RemoveCluster(string clusterId) => _state.RemoveCluster(clusterId);

    /// <summary>Sets the raw cluster state (any string, e.g. <c>updating</c>).</summary>
    public void SetClusterState(string clusterId, string state) => _state.SetClusterState(clusterId, state);

    /// <summary>
    /// Creates or updates an installation, with no upgrade scheduled (desired version = <paramref name="version"/>) and
    /// the status conditions of its state. <paramref name="state"/> is any add-on service state (pending, installing,
    /// ready, failed, deleting, upgrading, deleted, delete-pending, delete-failed, undefined) or other text. clusters_mgmt,
    /// which knows only five, shows upgrading as installing, delete-pending as deleting, delete-failed as failed,
    /// undefined as pending, and does not list deleted; other text is served as it is on both.
    /// </summary>
    public void SetAddonInstallation(string clusterId, string addonId, string version, string state = "ready", string? stateDescription = null) =>
        _state.SetInstallation(clusterId, addonId, version, state, stateDescription);

    /// <summary>Sets the add-on service's <c>desired_version</c> of an installation (a scheduled upgrade; null leaves the field out).</summary>
    public void SetDesiredVersion(string clusterId, string addonId, string? desiredVersion) =>
        _state.Update(clusterId, addonId, i => i with { DesiredVersion = desiredVersion });

    /// <summary>
    /// Starts an upgrade to <paramref name="version"/>: desired version <paramref name="version"/>, state <c>upgrading</c>,
    /// the installed version unchanged. It ends (ready on <paramref name="version"/>) after <paramref name="listingsUntilReady"/>
    /// listings of the cluster's add-ons (either API), or never when null (<see cref="SetAddonInstallation"/> ends it).
    /// </summary>
    public void StartUpgrade(string clusterId, string addonId, string version, int? listingsUntilReady = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(version);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(listingsUntilReady ?? 1, nameof(listingsUntilReady));
        _state.Update(clusterId, addonId, i => i with
        {
            DesiredVersion = version, State = "upgrading", StateDescription = $"upgrading to {version}", Conditions = null, ListingsUntilReady = listingsUntilReady,
        });
    }

    /// <summary>Sets the status conditions an installation reports (until its state or version is set again); none: those of its state.</summary>
    public void SetAddonConditions(string clusterId, string addonId, params SimulatedAddonCondition[] conditions) =>
        _state.Update(clusterId, addonId, i => i with { Conditions = conditions.Length == 0 ? null : [.. conditions] });

    /// <summary>Whether the add-on service writes <c>parameters</c> as a bare array (its OpenAPI) instead of <c>{items:[…]}</c> (its model's writer).</summary>
    public bool BareParameters { get => _handler.BareParameters; set => _handler.BareParameters = value; }

    /// <summary>Removes an installation; false when it did not exist.</summary>
    public bool RemoveAddonInstallation(string clusterId, string addonId) => _state.RemoveInstallation(clusterId, addonId);

    /// <summary>Adds (or replaces) an add-on catalog entry.</summary>
    public void AddCatalogAddon(string addonId, string name, string? defaultVersion = null) => _state.AddCatalogEntry(addonId, name, defaultVersion);

    /// <summary>Accepts another service account at the token endpoint.</summary>
    public void AddClient(string clientId, string clientSecret) => _clients[clientId] = clientSecret;

    /// <summary>Makes every token issued so far expired (the next API call with one gets a 401).</summary>
    public void ExpireAllTokens() => _tokens.ExpireAll();

    /// <summary>Applies <paramref name="fault"/> to the next <paramref name="count"/> requests on <paramref name="route"/> (see <see cref="OcmRoutes"/>).</summary>
    public void InjectFault(string route, OcmFault fault, int count = 1) => _faults.AddCounted(route, fault, count);

    /// <summary>Applies <paramref name="fault"/> to each request on <paramref name="route"/> with <paramref name="probability"/>, drawn from a Random seeded with <paramref name="seed"/>.</summary>
    public void InjectFault(string route, OcmFault fault, double probability, int seed) => _faults.AddRandom(route, fault, probability, seed);

    /// <summary>Removes the fault rules of one route, or all of them.</summary>
    public void ClearFaults(string? route = null) => _faults.Clear(route);

    /// <summary>Requests received on a route (faulted and rejected ones included).</summary>
    public int RequestCount(string route) => _faults.Count(route);

    /// <summary>Sets every request counter to zero.</summary>
    public void ResetRequestCounts() => _faults.ResetCounts();

    /// <summary>Stops the server; hanging requests are released.</summary>
    public async ValueTask DisposeAsync()
    {
        await _shutdown.CancelAsync();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _shutdown.Dispose();
    }
}
