using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace AddonGrains.Simulators.Qontract;

/// <summary>
/// A qontract-server simulator on loopback HTTP (docs/upstream-apis.md, "qontract-server"): <c>POST /graphql</c> answers from the current
/// bundle, <c>POST /graphqlsha/{sha}</c> from a pinned one, <c>GET /sha256</c>, <c>GET /git-commit-info/{sha}</c>.
/// A bundle is the <c>data</c> object every query gets (the simulator does not parse GraphQL). Bundles are swapped
/// on demand; old ones stay queryable. <see cref="FailQueries"/> makes queries answer with <c>errors</c>.
/// </summary>
public sealed class QontractSimulator : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, (JsonObject Data, string Commit, long Timestamp)> _bundles = new(StringComparer.Ordinal);
    private readonly string _authorization;
    private string? _current;
    private int _queries;

    private QontractSimulator(WebApplication app, string authorization)
    {
        _app = app;
        _authorization = authorization;
    }

    /// <summary>Root URL, e.g. <c>http://127.0.0.1:54321/</c>.</summary>
    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>The GraphQL endpoint (<c>{base}/graphql</c>), as app-interface's <c>graphqlUrl</c>.</summary>
    public Uri GraphqlUrl => new(BaseUrl, "graphql");

    /// <summary>While set, every query answers <c>200</c> with <c>errors: [{ message }]</c> and no data.</summary>
    public string? FailQueries { get; set; }

    /// <summary>Queries answered so far.</summary>
    public int Queries => Volatile.Read(ref _queries);

    /// <summary>Starts on 127.0.0.1 (free port); requests must send <c>Authorization: {authorization}</c> verbatim.</summary>
    public static async Task<QontractSimulator> StartAsync(string authorization, CancellationToken cancellationToken = default)
    {
        var app = LoopbackWebHost.Build();
        var simulator = new QontractSimulator(app, authorization);
        simulator.BaseUrl = await LoopbackWebHost.StartAsync(app, simulator.HandleAsync, cancellationToken);
        return simulator;
    }

    /// <summary>Loads a bundle and makes it current; returns its sha. <paramref name="data"/> is what queries get as <c>data</c>.</summary>
    public string Publish(JsonObject data, long commitTimestamp)
    {
        ArgumentNullException.ThrowIfNull(data);
        var json = data.ToJsonString();
        var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(json + commitTimestamp)));
        lock (_gate)
        {
            _bundles[sha] = ((JsonObject)JsonNode.Parse(json)!, sha[..12], commitTimestamp);
            _current = sha;
        }

        return sha;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var (status, body, contentType) = Route(context);
        context.Response.StatusCode = status;
        context.Response.ContentType = contentType;
        await context.Response.WriteAsync(body, context.RequestAborted);
    }

    private (int Status, string Body, string ContentType) Route(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "";
        if (context.Request.Headers.Authorization.ToString() != _authorization)
        {
            return (401, "Unauthorized", "text/plain");
        }

        lock (_gate)
        {
            if (path == "/sha256" && context.Request.Method == HttpMethods.Get)
            {
                return _current is null ? (503, "no bundle loaded", "text/plain") : (200, _current, "text/plain");
            }

            if (path.StartsWith("/git-commit-info/", StringComparison.Ordinal) && context.Request.Method == HttpMethods.Get)
            {
                return _bundles.TryGetValue(path["/git-commit-info/".Length..], out var b)
                    ? (200, JsonSerializer.Serialize(new { commit = b.Commit, timestamp = b.Timestamp }), "application/json")
                    : (404, "{}", "application/json");
            }

            if (context.Request.Method != HttpMethods.Post)
            {
                return (404, "Not Found", "text/plain");
            }

            var sha = path == "/graphql" ? _current : path.StartsWith("/graphqlsha/", StringComparison.Ordinal) ? path["/graphqlsha/".Length..] : null;
            if (sha is null || !_bundles.TryGetValue(sha, out var bundle))
            {
                return (404, "Not Found", "text/plain");
            }

            Interlocked.Increment(ref _queries);
            return FailQueries is { } message
                ? (200, JsonSerializer.Serialize(new { errors = new[] { new { message } } }), "application/json")
                : (200, new JsonObject { ["data"] = bundle.Data.DeepClone() }.ToJsonString(), "application/json");
        }
    }
}
