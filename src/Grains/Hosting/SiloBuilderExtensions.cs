using AddonGrains.Grains.Notifications;
using AddonGrains.Grains.Placement;
using AddonGrains.Grains.Triggers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AddonGrains.Grains.Hosting;

/// <summary>Registers what the grains need. Storage, clustering and upstream clients are configured by the host.</summary>
public static class SiloBuilderExtensions
{
    /// <summary>Adds the configuration, the clock, the trigger dispatcher and the subscription reconciler.</summary>
    public static ISiloBuilder AddAddonGrains(this ISiloBuilder silo, AddonGrainsSettings settings, bool reconcileAtStart = true)
    {
        ArgumentNullException.ThrowIfNull(silo);
        // Grains read the running configuration through SettingsSource, the one way settings reach them (hot reload swaps it).
        silo.Services.AddSettingsSource(settings);
        silo.Services.TryAddKeyedSingleton(Clock.Key, TimeProvider.System);
        silo.Services.TryAddSingleton<ITriggerDispatcher, GrainTriggerDispatcher>();
        silo.Services.TryAddSingleton<IDeliveryProbe, NoDeliveryProbe>();
        silo.Services.TryAddSingleton(TransportSecurity.Plaintext);
        silo.Services.AddOptions<TriggerDeliveryOptions>();
        silo.Services.AddNotifications();
        silo.Services.TryAddSingleton<OrganizationHomes>();
        silo.AddPlacementDirector<OrganizationPlacement, OrganizationPlacementDirector>();
        silo.AddIncomingGrainCallFilter<CrossSiloCalls>();
        if (reconcileAtStart)
        {
            silo.Services.AddHostedService<SubscriptionReconciler>();
        }

        // Reminders may be as short as the configuration allows (1s, for demos and tests; docs/configuration.md), also
        // after a reload shortened them.
        silo.Configure<Orleans.Hosting.ReminderOptions>(o => o.MinimumReminderPeriod = TimeSpan.FromSeconds(1));
        return silo;
    }
}
