using AddonGrains.Upstream.Ocm.Budget;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AddonGrains.Upstream.Ocm;

/// <summary>Registers the OCM clients.</summary>
public static class OcmServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IOcmClientFactory"/> with one named HttpClient (bearer token, retries, timeouts) and one
    /// token cache per connection. Call once. <see cref="TimeProvider"/> is taken from the container when registered.
    /// </summary>
    public static IServiceCollection AddOcmClients(
        this IServiceCollection services,
        IEnumerable<OcmConnection> connections,
        Action<OcmClientOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(connections);
        if (services.Any(d => d.ServiceType == typeof(OcmConnectionRegistry)))
        {
            throw new InvalidOperationException("AddOcmClients was already called; pass every OCM connection in one call.");
        }
        var byName = new Dictionary<string, OcmConnection>(StringComparer.Ordinal);
        foreach (var connection in connections)
        {
            ArgumentNullException.ThrowIfNull(connection);
            if (connection.MaxConcurrency < 1 || connection.MaxRequestsPerSecond is <= 0)
            {
                throw new ArgumentException($"OCM connection '{connection.Name}': MaxConcurrency must be at least 1 and MaxRequestsPerSecond positive.", nameof(connections));
            }
            if (!byName.TryAdd(connection.Name, connection))
            {
                throw new ArgumentException($"OCM connection '{connection.Name}' is listed twice.", nameof(connections));
            }
        }

        var optionsBuilder = services.AddOptions<OcmClientOptions>();
        if (configure is not null)
        {
            optionsBuilder.Configure(configure);
        }
        optionsBuilder.Validate(o => !o.Validate().Any(), "Invalid OcmClientOptions (PageSize, timeouts, RetryCount, RetryBaseDelay or TokenRefreshMargin out of range).");

        services.AddLogging();
        services.TryAddSingleton(TimeProvider.System);
        // A host may pass in its own (kept across reloads, coordinated by the cluster); otherwise the container owns one.
        services.TryAddSingleton(sp => new OcmBudgets(sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new OcmConnectionRegistry(
            byName,
            sp.GetRequiredService<IHttpClientFactory>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<IOptions<OcmClientOptions>>(),
            sp.GetRequiredService<ILoggerFactory>(),
            sp.GetRequiredService<OcmBudgets>()));
        services.TryAddSingleton<IOcmClientFactory, OcmClientFactory>();

        foreach (var connection in byName.Values)
        {
            // IHttpClientFactory's per-request log lines and scopes are off (the silo silences those categories
            // anyway); failures are logged by the clients with what they mean.
            services.AddHttpClient(OcmHttpClientNames.Token(connection.Name))
                .RemoveAllLoggers()
                .ConfigurePrimaryHttpMessageHandler(WithoutRedirects)
                .ConfigureHttpClient((sp, client) => client.Timeout = SafetyTimeout(sp))
                .AddResilienceHandler("ocm-token", (pipeline, context) => OcmResilience.Configure(
                    pipeline, context.ServiceProvider.GetRequiredService<IOptions<OcmClientOptions>>().Value, postIsIdempotent: true));

            var name = connection.Name;
            // Handlers run outer → inner: every attempt of the retry pipeline gets a (cached) bearer token. The
            // environment's request budget is taken by OcmClient around each page (before these timeouts start).
            var api = services.AddHttpClient(OcmHttpClientNames.Api(connection.Name))
                .RemoveAllLoggers()
                .ConfigurePrimaryHttpMessageHandler(WithoutRedirects)
                .ConfigureHttpClient(client =>
                {
                    client.BaseAddress = connection.Url;
                    // OcmClient bounds every page by the total timeout (body included); an HttpClient timeout on top
                    // would cost a timer and a linked token source per request (the hot path of a check).
                    client.Timeout = Timeout.InfiniteTimeSpan;
                });
            api.AddResilienceHandler("ocm-api", (pipeline, context) => OcmResilience.Configure(
                pipeline, context.ServiceProvider.GetRequiredService<IOptions<OcmClientOptions>>().Value, postIsIdempotent: false, totalTimeout: false));
            api.AddHttpMessageHandler(sp => new OcmBearerHandler(sp.GetRequiredService<OcmConnectionRegistry>().GetTokenProvider(name)));
            // Innermost: no attempt goes out during a 429 pause, and a 429 with Retry-After starts one.
            api.AddHttpMessageHandler(sp => new OcmPauseHandler(
                sp.GetRequiredService<OcmConnectionRegistry>().GetBudget(name), sp.GetRequiredService<TimeProvider>()));
        }
        return services;
    }

    // Both OCM clients report a redirect as the failure it is instead of following it: followed, a listing would be
    // answered with whatever the new address serves, and a 307/308 from the token endpoint would post the client
    // secret to it (.NET drops only the Authorization header on a redirect). Also one handler stage less per request.
    private static HttpMessageHandler WithoutRedirects() => new SocketsHttpHandler { AllowAutoRedirect = false };

    // The resilience pipeline enforces the real timeouts; this only stops HttpClient's 100 s default from applying.
    private static TimeSpan SafetyTimeout(IServiceProvider services) =>
        services.GetRequiredService<IOptions<OcmClientOptions>>().Value.TotalTimeout + TimeSpan.FromSeconds(5);
}
