using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AddonGrains.Configuration;

/// <summary>
/// The one way settings reach grains and clients: a single <see cref="SettingsSource"/> per silo, injected wherever the
/// configuration is read (docs/decisions.md, "One configuration path").
/// </summary>
public static class SettingsSourceRegistration
{
    /// <summary>Registers the silo's <see cref="SettingsSource"/> starting on <paramref name="initial"/>, unless the host registered one already.</summary>
    public static IServiceCollection AddSettingsSource(this IServiceCollection services, AddonGrainsSettings initial)
    {
        ArgumentNullException.ThrowIfNull(initial);
        services.TryAddSingleton(new SettingsSource(initial));
        return services;
    }
}
