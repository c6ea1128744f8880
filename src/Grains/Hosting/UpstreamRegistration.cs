using AddonGrains.Grains.Configuration;
using AddonGrains.Upstream.Jenkins;
using AddonGrains.Upstream.Ocm;
using AddonGrains.Grains.Budget;
using AddonGrains.Upstream.Ocm.Budget;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AddonGrains.Grains.Hosting;

/// <summary>Registers one typed OCM client per <c>ocm:</c> entry and one Jenkins client per <c>jenkins:</c> entry.</summary>
public static class UpstreamRegistration
{
    /// <summary>
    /// Registers the client factories. They follow the running configuration (<see cref="SettingsSource"/> when the
    /// host has one, else <paramref name="settings"/>): a reload that changes an upstream or a secret gets new clients.
    /// </summary>
    public static IServiceCollection AddUpstreamClients(this IServiceCollection services, AddonGrainsSettings settings,
        Action<OcmClientOptions>? ocm = null, Action<JenkinsClientOptions>? jenkins = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        // One budget per OCM environment, kept across reloads; in a silo the agent makes it part of the cluster-wide budget.
        services.TryAddSingleton(sp => new OcmBudgets(sp.GetService<TimeProvider>() ?? TimeProvider.System));
        services.AddOptions<OcmBudgetOptions>();
        services.TryAddSingleton<OcmBudgetAgent>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<OcmBudgetAgent>());
        services.AddSingleton(sp => new ReloadableUpstream(sp, sp.GetService<SettingsSource>() ?? new SettingsSource(settings), ocm, jenkins));
        services.AddSingleton<IOcmClientFactory>(sp => sp.GetRequiredService<ReloadableUpstream>());
        services.AddSingleton<IJenkinsClientFactory>(sp => sp.GetRequiredService<ReloadableUpstream>());
        return services;
    }

    /// <summary>The upstream connections (secrets included) of a configuration.</summary>
    internal static (ImmutableArray<OcmConnection> Ocm, ImmutableArray<JenkinsConnection> Jenkins) Connections(AddonGrainsSettings settings) =>
        ([.. settings.Ocm.Select(o => new OcmConnection(o.Name, o.Url, o.AccessTokenUrl, o.AccessTokenClientId, o.AccessTokenClientSecret.Value,
            o.MaxConcurrency, o.MaxRequestsPerSecond))],
         [.. settings.Jenkins.Select(j => new JenkinsConnection(j.Name, j.ServerUrl, j.User, j.Token?.Value, j.Password?.Value))]);
}
