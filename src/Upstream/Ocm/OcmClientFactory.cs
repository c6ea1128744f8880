using System.Collections.Concurrent;
using AddonGrains.Upstream.Ocm.Dto;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Refit;

namespace AddonGrains.Upstream.Ocm;

/// <summary>
/// One cached <see cref="IOcmClient"/> per connection. Its Refit client (over an HttpClient of the named
/// IHttpClientFactory client) is renewed every <see cref="ApiLifetime"/>, IHttpClientFactory's handler lifetime, so
/// handler rotation (DNS changes) keeps working without a new HttpClient and Refit client per request.
/// </summary>
internal sealed class OcmClientFactory(
    OcmConnectionRegistry registry,
    IHttpClientFactory httpClientFactory,
    IOptions<OcmClientOptions> options,
    ILoggerFactory loggerFactory) : IOcmClientFactory
{
    private static readonly TimeSpan ApiLifetime = TimeSpan.FromMinutes(2);

    private readonly ConcurrentDictionary<string, IOcmClient> _clients = new(StringComparer.Ordinal);

    public IOcmClient Create(string ocmName)
    {
        ArgumentNullException.ThrowIfNull(ocmName);
        // Looked up first: the factory lambda below captures this, so GetOrAdd alone would allocate once per listing.
        if (_clients.TryGetValue(ocmName, out var client))
        {
            return client;
        }
        return _clients.GetOrAdd(ocmName, name =>
        {
            var connection = registry.GetConnection(name);
            var clientName = OcmHttpClientNames.Api(connection.Name);
            var api = new Renewed<IOcmApi>(
                () => RestService.ForGenerated<IOcmApi>(httpClientFactory.CreateClient(clientName), OcmJson.RefitSettings), ApiLifetime, registry.Clock);
            return new OcmClient(
                connection.Name,
                api.Get,
                registry.GetBudget(connection.Name),
                options.Value,
                loggerFactory.CreateLogger<OcmClient>());
        });
    }
}
