using AddonGrains.Upstream.Ocm.Budget;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AddonGrains.Upstream.Ocm;

/// <summary>The configured OCM connections, one token cache and one request budget per connection (shared by all handlers).</summary>
internal sealed class OcmConnectionRegistry(
    IReadOnlyDictionary<string, OcmConnection> connections,
    IHttpClientFactory httpClientFactory,
    TimeProvider timeProvider,
    IOptions<OcmClientOptions> options,
    ILoggerFactory loggerFactory,
    OcmBudgets budgets) : IDisposable
{
    private readonly Dictionary<string, OcmTokenProvider> _tokenProviders = [];
    private readonly Lock _lock = new();

    /// <summary>The clock of the connections' token caches, budgets and client renewal.</summary>
    public TimeProvider Clock => timeProvider;

    public OcmConnection GetConnection(string ocmName) =>
        connections.TryGetValue(ocmName, out var connection)
            ? connection
            : throw new KeyNotFoundException(
                $"No OCM connection named '{ocmName}' is configured (known: {string.Join(", ", connections.Keys)}).");

    public OcmTokenProvider GetTokenProvider(string ocmName)
    {
        lock (_lock)
        {
            if (!_tokenProviders.TryGetValue(ocmName, out var provider))
            {
                provider = new OcmTokenProvider(
                    GetConnection(ocmName), httpClientFactory, timeProvider, options, loggerFactory.CreateLogger<OcmTokenProvider>());
                _tokenProviders.Add(ocmName, provider);
            }
            return provider;
        }
    }

    /// <summary>The one request budget of an OCM environment, shared by every organization of the silo.</summary>
    public OcmRequestBudget GetBudget(string ocmName) => budgets.Get(GetConnection(ocmName));

    public void Dispose()
    {
        lock (_lock)
        {
            foreach (var provider in _tokenProviders.Values)
            {
                provider.Dispose();
            }
            _tokenProviders.Clear();
        }
    }
}
