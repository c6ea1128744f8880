using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AddonGrains.Upstream.Jenkins;

/// <summary>Creates and caches one <see cref="JenkinsClient"/> per configured instance.</summary>
internal sealed class JenkinsClientFactory(
    IServiceProvider services, IReadOnlyDictionary<string, JenkinsConnection> connections) : IJenkinsClientFactory
{
    private readonly ConcurrentDictionary<string, IJenkinsClient> _clients = new(StringComparer.Ordinal);

    public IJenkinsClient Create(string instanceName)
    {
        if (!connections.TryGetValue(instanceName, out var connection))
        {
            throw new KeyNotFoundException($"No Jenkins instance named '{instanceName}' is configured.");
        }

        return _clients.GetOrAdd(instanceName, _ => new JenkinsClient(
            // A fresh Refit client per call takes a fresh HttpClient from the factory, so handler rotation works.
            () => services.GetRequiredKeyedService<IJenkinsApi>(JenkinsServiceCollectionExtensions.ServiceKey(connection.Name)),
            connection,
            services.GetRequiredService<IOptions<JenkinsClientOptions>>().Value,
            services.GetRequiredService<ILogger<JenkinsClient>>()));
    }
}
