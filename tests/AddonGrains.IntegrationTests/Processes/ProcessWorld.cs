using AddonGrains.Simulators.World;

namespace AddonGrains.IntegrationTests.Processes;

/// <summary>
/// A <see cref="SimulatedWorld"/> for silo processes: its configuration written to a file in a directory of its own
/// (secrets as env vars, or as files there), and silos started on it with fast trigger delivery.
/// </summary>
public sealed class ProcessWorld : IAsyncDisposable
{
    /// <summary>Trigger delivery at test speed (production polls Jenkins every few seconds and backs off for minutes).</summary>
    public static readonly IReadOnlyDictionary<string, string> FastDelivery = new Dictionary<string, string>
    {
        ["AddonGrains__Delivery__PollInterval"] = "00:00:00.200",
        ["AddonGrains__Delivery__RetryBaseDelay"] = "00:00:00.200",
        ["AddonGrains__Delivery__RetryMaxDelay"] = "00:00:02",
    };

    private readonly string _directory;

    private ProcessWorld(SimulatedWorld world, string directory, string configPath)
    {
        World = world;
        _directory = directory;
        ConfigPath = configPath;
    }

    public SimulatedWorld World { get; }

    public string ConfigPath { get; }

    public static async Task<ProcessWorld> StartAsync(SimulatedWorldBuilder builder, bool secretsInFiles = false, CancellationToken ct = default)
    {
        var directory = Directory.CreateTempSubdirectory("addongrains-world-").FullName;
        if (secretsInFiles)
        {
            builder.SecretsInFiles(directory);
        }

        var world = await builder.StartAsync(ct);
        return new ProcessWorld(world, directory, await world.WriteConfigAsync(Path.Combine(directory, "addongrains.yaml"), ct));
    }

    /// <summary>
    /// Starts a silo process on this world (not yet ready). <paramref name="environment"/> comes on top of the world's
    /// secrets and <see cref="FastDelivery"/>; <paramref name="connectionString"/> null means local mode.
    /// </summary>
    public SiloProcess StartSilo(string? connectionString, string name, IDictionary<string, string>? environment = null,
        int? siloPort = null, int? gatewayPort = null, int? httpPort = null, string host = "127.0.0.1", string[]? launcher = null, string? configPath = null)
    {
        var env = new Dictionary<string, string>(FastDelivery);
        foreach (var (key, value) in World.Environment.Concat(environment ?? new Dictionary<string, string>()))
        {
            env[key] = value;
        }

        return SiloProcess.Start(configPath ?? ConfigPath, connectionString, env, name: name, siloPort: siloPort, gatewayPort: gatewayPort,
            httpPort: httpPort, host: host, launcher: launcher);
    }

    public async ValueTask DisposeAsync()
    {
        await World.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }
}
