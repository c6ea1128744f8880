using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Serialization;
using Orleans.Storage;

namespace AddonGrains.Persistence;

/// <summary>
/// Wires the Orleans ADO.NET providers to PostgreSQL the same way for the silo, the client and the tests.
/// The schema must be applied first (<see cref="SchemaMigrator"/>).
/// </summary>
public static class AddonGrainsPostgresExtensions
{
    /// <summary>The ADO.NET invariant the providers use to find Npgsql.</summary>
    public const string Invariant = "Npgsql";

    /// <summary>The grain storage name registered when the caller names none.</summary>
    public const string DefaultStorageName = "rollouts";

    /// <summary>
    /// PostgreSQL clustering, reminders and one grain storage per name in <paramref name="storageNames"/>
    /// (<see cref="DefaultStorageName"/> when empty). Grain state is stored with Orleans' own binary serializer,
    /// so the <c>[Id]</c>/<c>[Alias]</c> rules govern both the wire and the database.
    /// </summary>
    public static ISiloBuilder UseAddonGrainsPostgres(this ISiloBuilder silo, string connectionString, params string[] storageNames)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        ArgumentNullException.ThrowIfNull(storageNames);

        silo.UseAdoNetClustering(options =>
        {
            options.Invariant = Invariant;
            options.ConnectionString = connectionString;
        });
        foreach (var name in storageNames.Length == 0 ? [DefaultStorageName] : storageNames)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(name, nameof(storageNames));
            silo.AddAdoNetGrainStorage(name, (OptionsBuilder<AdoNetGrainStorageOptions> builder) =>
                builder.Configure<Serializer>((options, serializer) =>
                {
                    options.Invariant = Invariant;
                    options.ConnectionString = connectionString;
                    options.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer);
                }));
        }

        silo.UseAdoNetReminderService(options =>
        {
            options.Invariant = Invariant;
            options.ConnectionString = connectionString;
        });
        return silo;
    }

    /// <summary>Lets a client find the cluster's gateways through the PostgreSQL membership table.</summary>
    public static IClientBuilder UseAddonGrainsPostgresClustering(this IClientBuilder client, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        return client.UseAdoNetClustering(options =>
        {
            options.Invariant = Invariant;
            options.ConnectionString = connectionString;
        });
    }
}
