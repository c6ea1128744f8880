using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AddonGrains.Upstream.Ocm;

/// <summary>The configured OCM connections and one token cache per connection (shared by all handlers).</summary>
internal sealed class OcmConnectionRegistry(
    IReadOnlyDictionary<string, OcmConnection> connections,
    IHttpClientFactory httpClientFactory,
    TimeProvider timeProvider,
    IOptions<OcmClientOptions> options,
    ILoggerFactory loggerFactory) : IDisposable
{
    private readonly Dictionary<string, OcmTokenProvider> _tokenProviders = [];
    private readonly Lock _lock = new();

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
