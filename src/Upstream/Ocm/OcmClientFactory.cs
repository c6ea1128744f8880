using System.Collections.Concurrent;
using AddonGrains.Upstream.Ocm.Dto;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Refit;

namespace AddonGrains.Upstream.Ocm;

/// <summary>
/// One cached <see cref="IOcmClient"/> per connection. Each call takes a fresh HttpClient from the named
/// IHttpClientFactory client, so handler rotation (DNS changes) keeps working.
/// </summary>
internal sealed class OcmClientFactory(
    OcmConnectionRegistry registry,
    IHttpClientFactory httpClientFactory,
    IOptions<OcmClientOptions> options,
    ILoggerFactory loggerFactory) : IOcmClientFactory
{
    private static readonly RefitSettings Settings = new(new SystemTextJsonContentSerializer(OcmJson.Options));

    private readonly ConcurrentDictionary<string, IOcmClient> _clients = new(StringComparer.Ordinal);

    public IOcmClient Create(string ocmName)
    {
        ArgumentNullException.ThrowIfNull(ocmName);
        return _clients.GetOrAdd(ocmName, name =>
        {
            var connection = registry.GetConnection(name);
            var clientName = OcmHttpClientNames.Api(connection.Name);
            return new OcmClient(
                connection.Name,
                () => RestService.ForGenerated<IOcmApi>(httpClientFactory.CreateClient(clientName), Settings),
                options.Value,
                loggerFactory.CreateLogger<OcmClient>());
        });
    }
}
