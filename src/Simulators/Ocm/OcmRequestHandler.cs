using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using static AddonGrains.Simulators.Ocm.OcmResponses;

namespace AddonGrains.Simulators.Ocm;

/// <summary>Dispatches one HTTP request: count, latency, faults, then token or API handling.</summary>
internal sealed partial class OcmRequestHandler(
    OcmSimulatorState state,
    OcmTokenIssuer tokens,
    OcmFaultInjector faults,
    IReadOnlyDictionary<string, string> clients,
    Random orderRandom,
    CancellationToken shutdown)
{
    private static readonly HashSet<string> ClusterFields = ["organization.id", "managed", "state", "product.id", "id", "name"];
    private static readonly HashSet<string> ClusterBooleans = ["managed"];
    private static readonly HashSet<string> InstallationFields = ["id", "addon.id", "state"];
    private static readonly HashSet<string> CatalogFields = ["id", "name", "enabled"];
    private static readonly HashSet<string> NoBooleans = [];

    private long _latencyTicks;
    private int _maxPageSize;

    public OcmInFlight InFlight { get; } = new();

    /// <summary>The page size cap (0: none).</summary>
    public int MaxPageSize
    {
        get => Volatile.Read(ref _maxPageSize);
        set => Volatile.Write(ref _maxPageSize, value);
    }

    public TimeSpan Latency
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref _latencyTicks));
        set => Interlocked.Exchange(ref _latencyTicks, value.Ticks);
    }

    public async Task HandleAsync(HttpContext context)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, shutdown);
        var ct = cts.Token;
        var path = context.Request.Path.Value?.TrimEnd('/') ?? "";
        var segments = path.StartsWith(OcmRoutes.ClustersPath, StringComparison.Ordinal)
            ? path[OcmRoutes.ClustersPath.Length..].Split('/', StringSplitOptions.RemoveEmptyEntries)
            : path.StartsWith(OcmRoutes.ServiceClustersPath, StringComparison.Ordinal)
                ? path[OcmRoutes.ServiceClustersPath.Length..].Split('/', StringSplitOptions.RemoveEmptyEntries)
                : null;
        var addonService = path.StartsWith(OcmRoutes.ServiceClustersPath, StringComparison.Ordinal);
        var route = path switch
        {
            OcmRoutes.TokenPath => OcmRoutes.Token,
            OcmRoutes.CatalogPath => OcmRoutes.Catalog,
            _ when addonService => ServiceRoute(segments!),
            _ when segments is { Length: 2 } && segments[1] == "addons" => OcmRoutes.Addons,
            _ when segments is { Length: <= 1 } => OcmRoutes.Clusters,
            _ => OcmRoutes.Other,
        };
        var service = addonService ? OcmAddonServiceJson.Service : "clusters_mgmt";
        using var inFlight = route == OcmRoutes.Token ? null : InFlight.Enter();
        context.Response.OnStarting(() =>
        {
            inFlight?.Dispose();
            return Task.CompletedTask;
        });
        try
        {
            var fault = faults.OnRequest(route);
            var delay = Latency + (fault?.Latency ?? TimeSpan.Zero);
            if (delay > TimeSpan.Zero)
            {
                await Task.Delay(delay, ct);
            }
            if (fault?.Gate is { } gate)
            {
                await gate.WaitAsync(ct);
            }
            if (fault is { Hang: true })
            {
                await Task.Delay(Timeout.Infinite, ct);
            }
            if (fault is { StallBody: true })
            {
                await WriteRawAsync(context, fault.StatusCode ?? 200, "{\"kind\":\"ClusterList\",\"page\":1,\"items\":[", ct);
                await context.Response.Body.FlushAsync(ct);
                await Task.Delay(Timeout.Infinite, ct);
            }
            if (fault is { MalformedJson: true })
            {
                await WriteRawAsync(context, 200, "{\"kind\":\"ClusterList\",\"page\":1,\"items\":[{\"kind\":\"Cluster\",\"id\":", ct);
                return;
            }
            if (fault?.StatusCode is { } status)
            {
                if (fault.RetryAfter is { } retryAfter)
                {
                    context.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                }
                if (fault.Location is { } location)
                {
                    context.Response.Headers.Location = location;
                }
                var body = route == OcmRoutes.Token
                    ? new JsonObject { ["error"] = "temporarily_unavailable", ["error_description"] = "Injected fault" }
                    : OcmJsonWriter.Error(status, $"Injected fault: HTTP {status}", service);
                await WriteAsync(context, status, body, ct);
                return;
            }
            await (route switch
            {
                OcmRoutes.Token => OcmTokenEndpoint.HandleAsync(context, tokens, clients, ct),
                OcmRoutes.Other => WriteAsync(context, 404, OcmJsonWriter.Error(404, $"Can't find resource for path '{path}'", service), ct),
                _ => ApiAsync(context, route, segments ?? [], path, service, ct),
            });
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            context.Abort();
        }
    }

    private async Task ApiAsync(HttpContext context, string route, string[] segments, string path, string service, CancellationToken ct)
    {
        if (!HttpMethods.IsGet(context.Request.Method))
        {
            await WriteAsync(context, 405, OcmJsonWriter.Error(405, $"Method '{context.Request.Method}' isn't supported for path '{path}'", service), ct);
            return;
        }
        if (tokens.Reject(context.Request.Headers.Authorization) is { } reason)
        {
            context.Response.Headers.WWWAuthenticate = $"Bearer realm=\"{service}/v1\"";
            await WriteAsync(context, 401, OcmJsonWriter.Error(401, reason, service), ct);
            return;
        }
        if (service == OcmAddonServiceJson.Service)
        {
            await AddonServiceAsync(context, route, segments, ct);
            return;
        }
        try
        {
            var body = route switch
            {
                OcmRoutes.Catalog => Page(context, "AddOnList", state.Catalog(), CatalogFields, NoBooleans,
                    (a, f) => f switch { "id" => a.Id, "name" => a.Name, _ => "true" }, a => a.Id, a => a.Name, a => a.Id,
                    static (w, a) => OcmJsonWriter.Addon(a).WriteTo(w)),
                OcmRoutes.Addons => Installations(context, segments[0]),
                _ when segments.Length == 1 => SingleCluster(segments[0]),
                _ => Page(context, "ClusterList", state.Clusters(), ClusterFields, ClusterBooleans, ClusterField,
                    c => c.Cluster.Id, c => c.Cluster.Name, c => c.Created.ToString("O"), static (w, c) => OcmJsonWriter.Cluster(c).WriteTo(w)),
            };
            if (body is null)
            {
                await WriteAsync(context, 404, OcmJsonWriter.Error(404, $"Cluster '{segments[0]}' not found"), ct);
                return;
            }
            await WriteAsync(context, 200, body, ct);
        }
        catch (FormatException ex)
        {
            await WriteAsync(context, 400, OcmJsonWriter.Error(400, $"Can't process request: {ex.Message}"), ct);
        }
    }

    private Action<System.Text.Json.Utf8JsonWriter>? SingleCluster(string clusterId) =>
        state.Clusters().Find(c => c.Cluster.Id == clusterId) is { } cluster ? w => OcmJsonWriter.Cluster(cluster).WriteTo(w) : null;

    private Action<System.Text.Json.Utf8JsonWriter>? Installations(HttpContext context, string clusterId) =>
        state.Installations(clusterId) is { } all
            ? Page(context, "AddOnInstallationList", all.FindAll(i => OcmSimulatorState.ClustersMgmtState(i.State) is not null), InstallationFields, NoBooleans,
                (i, f) => f == "state" ? OcmSimulatorState.ClustersMgmtState(i.State) : i.AddonId, i => i.AddonId, i => i.AddonId, i => i.Created.ToString("O"),
                (w, i) => OcmJsonWriter.WriteInstallation(w, clusterId, i, OcmSimulatorState.ClustersMgmtState(i.State)!))
            : null;

    private static string? ClusterField(OcmSimulatorState.ClusterSnapshot c, string field) => field switch
    {
        "organization.id" => c.Cluster.OrganizationId,
        "managed" => c.Cluster.Managed ? "true" : "false",
        "state" => c.Cluster.State,
        "product.id" => c.Cluster.ProductId,
        "id" => c.Cluster.Id,
        _ => c.Cluster.Name,
    };

    private Action<System.Text.Json.Utf8JsonWriter> Page<T>(
        HttpContext context,
        string kind,
        List<T> all,
        IReadOnlySet<string> fields,
        IReadOnlySet<string> booleans,
        Func<T, string, string?> fieldOf,
        Func<T, string> id,
        Func<T, string> name,
        Func<T, string> created,
        Action<System.Text.Json.Utf8JsonWriter, T> render,
        bool search = true)
    {
        var query = context.Request.Query;
        var page = PositiveInt(query["page"], "page", 1);
        var size = PositiveInt(query["size"], "size", 100);
        if (MaxPageSize > 0)
        {
            size = Math.Min(size, MaxPageSize);
        }
        var filter = OcmSearchFilter.Parse(search ? query["search"].FirstOrDefault() : null, fields, booleans);
        var matches = filter.IsEmpty ? all : all.FindAll(item => filter.Matches(item, fieldOf));
        var order = query["order"].FirstOrDefault()?.Trim();
        if (string.IsNullOrEmpty(order))
        {
            // Without 'order' OCM's order is undefined and changes between calls; so does ours.
            lock (orderRandom)
            {
                orderRandom.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(matches));
            }
        }
        else
        {
            var parts = order.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            Func<T, string> keyOf = parts[0] switch
            {
                "id" => id,
                "name" => name,
                "creation_timestamp" => created,
                _ => throw new FormatException($"order field '{parts[0]}' is not supported"),
            };
            var descending = parts.Length switch
            {
                1 => false,
                2 when parts[1].Equals("asc", StringComparison.OrdinalIgnoreCase) => false,
                2 when parts[1].Equals("desc", StringComparison.OrdinalIgnoreCase) => true,
                _ => throw new FormatException($"order '{order}' is not supported"),
            };
            matches.Sort((a, b) => string.CompareOrdinal(keyOf(a), keyOf(b)) * (descending ? -1 : 1));
        }
        var skip = (int)Math.Min(matches.Count, (long)(page - 1) * size);
        var items = matches.GetRange(skip, Math.Min(size, matches.Count - skip));
        return writer => OcmJsonWriter.WriteList(writer, kind, page, matches.Count, items, render);
    }

    private static int PositiveInt(Microsoft.Extensions.Primitives.StringValues value, string name, int fallback)
    {
        if (value.Count == 0)
        {
            return fallback;
        }
        return int.TryParse(value[0], NumberStyles.None, CultureInfo.InvariantCulture, out var result) && result > 0
            ? result
            : throw new FormatException($"parameter '{name}' must be a positive integer, not '{value[0]}'");
    }
}
