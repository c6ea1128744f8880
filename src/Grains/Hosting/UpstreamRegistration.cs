using AddonGrains.Grains.Budget;
using AddonGrains.Upstream.Jenkins;
using AddonGrains.Upstream.Ocm;
using AddonGrains.Upstream.Ocm.Budget;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AddonGrains.Grains.Hosting;

/// <summary>Registers one typed OCM client per <c>ocm:</c> entry and one Jenkins client per <c>jenkins:</c> entry.</summary>
public static class UpstreamRegistration
{
    /// <summary>
    /// Registers the client factories. They follow the running configuration, the host's <see cref="SettingsSource"/>
    /// (<see cref="SettingsSourceRegistration.AddSettingsSource"/>): a reload that changes an upstream or a secret gets new clients.
    /// </summary>
    public static IServiceCollection AddUpstreamClients(this IServiceCollection services,
        Action<OcmClientOptions>? ocm = null, Action<JenkinsClientOptions>? jenkins = null)
    {
        // One budget per OCM environment, kept across reloads; in a silo the agent makes it part of the cluster-wide budget.
        services.TryAddSingleton(sp => new OcmBudgets(sp.GetService<TimeProvider>() ?? TimeProvider.System));
        services.AddOptions<OcmBudgetOptions>();
        services.TryAddSingleton<OcmBudgetAgent>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<OcmBudgetAgent>());
        services.AddSingleton(sp => new ReloadableUpstream(sp, sp.GetRequiredService<SettingsSource>(), ocm, jenkins));
        services.AddSingleton<IOcmClientFactory>(sp => sp.GetRequiredService<ReloadableUpstream>());
        services.AddSingleton<IJenkinsClientFactory>(sp => sp.GetRequiredService<ReloadableUpstream>());
        return services;
    }
}
