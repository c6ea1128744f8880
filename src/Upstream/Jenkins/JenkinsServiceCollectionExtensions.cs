using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Refit;

namespace AddonGrains.Upstream.Jenkins;

/// <summary>Registers the Jenkins clients.</summary>
public static class JenkinsServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IJenkinsClientFactory"/> with one named HttpClient per connection: no auto-redirect, no
    /// cookie container, credentials added by a handler (never logged), and the retry/timeout policy of
    /// <see cref="JenkinsClientOptions"/>.
    /// </summary>
    public static IServiceCollection AddJenkinsClients(
        this IServiceCollection services, IEnumerable<JenkinsConnection> connections, Action<JenkinsClientOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(connections);
        var byName = new Dictionary<string, JenkinsConnection>(StringComparer.Ordinal);
        foreach (var connection in connections)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(connection.Name);
            if ((connection.Token is null) == (connection.Password is null))
            {
                throw new ArgumentException($"Jenkins instance '{connection.Name}' needs exactly one of a token and a password.", nameof(connections));
            }

            if (!byName.TryAdd(connection.Name, connection))
            {
                throw new ArgumentException($"Jenkins instance '{connection.Name}' is configured twice.", nameof(connections));
            }
        }

        var optionsBuilder = services.AddOptions<JenkinsClientOptions>();
        if (configure is not null)
        {
            optionsBuilder.Configure(configure);
        }

        foreach (var connection in byName.Values)
        {
            services.AddKeyedRefitGeneratedClient<IJenkinsApi>(ServiceKey(connection.Name), (RefitSettings?)null, ServiceKey(connection.Name))
                .ConfigureHttpClient(client =>
                {
                    client.BaseAddress = connection.ServerUrl;
                    client.Timeout = Timeout.InfiniteTimeSpan; // the resilience pipeline owns timeouts
                })
                .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false })
                .RedactLoggedHeaders(_ => true)
                .AddHttpMessageHandler(sp => new JenkinsAuthHandler(connection, sp.GetRequiredService<ILogger<JenkinsAuthHandler>>()))
                .AddResilienceHandler("jenkins", (pipeline, context) =>
                    JenkinsResilience.Configure(pipeline, context.ServiceProvider.GetRequiredService<IOptions<JenkinsClientOptions>>().Value));
        }

        services.AddSingleton<IJenkinsClientFactory>(sp => new JenkinsClientFactory(sp, byName));
        return services;
    }

    internal static string ServiceKey(string instanceName) => "AddonGrains.Jenkins:" + instanceName;
}
