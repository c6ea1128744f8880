using AddonGrains.Grains.Configuration;
using AddonGrains.Upstream.Jenkins;
using AddonGrains.Upstream.Ocm;
using Microsoft.Extensions.DependencyInjection;

namespace AddonGrains.Grains.Hosting;

/// <summary>Registers one typed OCM client per <c>ocm:</c> entry and one Jenkins client per <c>jenkins:</c> entry.</summary>
public static class UpstreamRegistration
{
    /// <summary>Maps the configuration to upstream connections (secrets included) and registers the client factories.</summary>
    public static IServiceCollection AddUpstreamClients(this IServiceCollection services, AddonGrainsSettings settings,
        Action<OcmClientOptions>? ocm = null, Action<JenkinsClientOptions>? jenkins = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        services.AddOcmClients(settings.Ocm.Select(o =>
            new OcmConnection(o.Name, o.Url, o.AccessTokenUrl, o.AccessTokenClientId, o.AccessTokenClientSecret.Value,
                o.MaxConcurrency, o.MaxRequestsPerSecond)), ocm);
        services.AddJenkinsClients(settings.Jenkins.Select(j =>
            new JenkinsConnection(j.Name, j.ServerUrl, j.User, j.Token?.Value, j.Password?.Value)), jenkins);
        return services;
    }
}
