using AddonGrains.Configuration;
using AddonGrains.Grains.Hosting;
using AddonGrains.Grains.Triggers;
using AddonGrains.Simulators.World;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.Runtime.Hosting;
using Orleans.Serialization;
using Orleans.Storage;

namespace AddonGrains.Tests.Support;

/// <summary>How every in-process test silo is set up: the grains, memory state (counted), in-memory reminders.</summary>
public static class TestSilo
{
    /// <summary>The world's configuration, its secrets resolved from the world.</summary>
    public static AddonGrainsSettings Settings(this SimulatedWorld world) => new SettingsLoader(world.Secret).Load(world.Yaml);

    /// <summary>
    /// The grains on <paramref name="settings"/> with memory storage counted by <paramref name="storage"/> (and failed
    /// on demand by <paramref name="faults"/>) and in-memory reminders.
    /// </summary>
    public static void AddTestAddonGrains(this ISiloBuilder silo, AddonGrainsSettings settings, StorageCounter storage, StorageFaults? faults = null)
    {
        silo.AddAddonGrains(settings, reconcileAtStart: false);

        // Stored by Orleans' serializer, as in production (docs/persistence.md): the [Id]s decide what reads back.
        silo.Services.AddOptions<MemoryGrainStorageOptions>(StorageNames.Rollouts)
            .Configure<Serializer>((options, serializer) => options.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer));
        silo.Services.AddGrainStorage(StorageNames.Rollouts, (sp, name) =>
        {
            var memory = MemoryGrainStorageFactory.Create(sp, name);
            return new CountingGrainStorage(faults is null ? memory : new FaultInjectingGrainStorage(memory, faults), storage);
        });
        silo.UseInMemoryReminderService();
    }

    /// <summary>
    /// The real OCM and Jenkins clients (production code) with fast retries and short timeouts, and fast trigger
    /// delivery, so that tests against the simulators do not wait for production back-offs.
    /// </summary>
    public static void AddFastUpstreamClients(this ISiloBuilder silo)
    {
        silo.Services.AddUpstreamClients(
            ocm => { ocm.RetryBaseDelay = TimeSpan.FromMilliseconds(20); ocm.AttemptTimeout = TimeSpan.FromSeconds(2); ocm.TotalTimeout = TimeSpan.FromSeconds(5); },
            jenkins => { jenkins.RetryDelay = TimeSpan.FromMilliseconds(20); jenkins.AttemptTimeout = TimeSpan.FromSeconds(2); jenkins.TotalTimeout = TimeSpan.FromSeconds(5); });
        silo.Services.Configure<TriggerDeliveryOptions>(o =>
        {
            o.PollInterval = TimeSpan.FromMilliseconds(100);
            o.RetryBaseDelay = TimeSpan.FromMilliseconds(100);
            o.RetryMaxDelay = TimeSpan.FromMilliseconds(500);
        });
    }
}
