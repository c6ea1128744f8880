using AddonGrains.Persistence;

namespace AddonGrains.Silo.Hosting;

/// <summary>The steps before the host starts: the configuration (nothing starts when it is invalid) and <c>migrate</c>.</summary>
internal static class SiloStartup
{
    /// <summary>The reader of <c>--config FILE</c> (null without one): the same one reads it at start and at every reload.</summary>
    public static ConfigurationReader? Reader(SiloArguments arguments) =>
        arguments.ConfigPath is { } path ? ConfigurationReader.FromEnvironment(Path.GetFullPath(path)) : null;

    /// <summary>The validated configuration, or null after printing every error to stderr.</summary>
    public static async Task<AddonGrainsSettings?> LoadSettingsAsync(ConfigurationReader? reader)
    {
        try
        {
            if (reader is null)
            {
                Console.Error.WriteLine($"error: no configuration. Pass --config FILE or set ADDONGRAINS_CONFIG (or run the demo: {SiloArguments.DemoCommand}).");
                return null;
            }

            return await reader.ReadAsync(CancellationToken.None);
        }
        catch (ConfigurationException ex)
        {
            Console.Error.WriteLine($"error: {ex.Message}");
            return null;
        }
    }

    /// <summary>The silo's addresses (docs/configuration.md), or null after naming the bad variable on stderr (exit 2).</summary>
    public static SiloAddresses? ResolveAddresses(IConfiguration configuration)
    {
        try
        {
            return SiloAddresses.Resolve(OrleansHosting.Variables(configuration));
        }
        catch (ArgumentException ex)
        {
            Console.Error.WriteLine($"error: {ex.Message}");
            return null;
        }
    }

    /// <summary><c>dotnet run --project src/Silo -- migrate</c>: applies the schema to <c>ConnectionStrings__Orleans</c> and exits.</summary>
    public static async Task<int> MigrateAsync(SiloArguments arguments)
    {
        var builder = WebApplication.CreateSlimBuilder(arguments.HostArguments);
        var connectionString = builder.Configuration.GetConnectionString("Orleans");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            Console.Error.WriteLine("error: migrate needs ConnectionStrings__Orleans (an Npgsql connection string).");
            return SiloExitCodes.Usage;
        }

        try
        {
            var result = await new SchemaMigrator().ApplyAsync(connectionString, CancellationToken.None);
            Console.WriteLine(result.WasUpToDate
                ? $"schema is up to date (version {result.CurrentVersion})"
                : $"applied schema versions {string.Join(", ", result.AppliedVersions)}; now at version {result.CurrentVersion}");
            return SiloExitCodes.Success;
        }
        catch (Exception ex) when (IsDatabaseUnreachable(ex))
        {
            Console.Error.WriteLine(SchemaError(ex));
            return SiloExitCodes.DatabaseUnreachable;
        }
    }

    /// <summary>Applying the schema failed because PostgreSQL could not be reached or refused (exit 3, at start and for <c>migrate</c>).</summary>
    public static bool IsDatabaseUnreachable(Exception ex) =>
        ex is Npgsql.NpgsqlException or System.Net.Sockets.SocketException or TimeoutException;

    /// <summary>The one stderr line for such a failure (never the connection string).</summary>
    public static string SchemaError(Exception ex) =>
        $"error: cannot apply the schema to PostgreSQL (ConnectionStrings__Orleans): {ex.GetType().Name}: {ex.Message}";
}
