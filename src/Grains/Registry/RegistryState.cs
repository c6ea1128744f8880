namespace AddonGrains.Grains.Registry;

/// <summary>The rollout keys that were active after the last reconciliation, and which configuration that was. Schema 1 (fields 2–4 added for hot reload).</summary>
[GenerateSerializer, Alias("registry-state")]
public sealed class RegistryState
{
    public const int CurrentSchema = 1;

    [Id(0)] public int Schema { get; set; } = CurrentSchema;
    [Id(1)] public List<string> Keys { get; set; } = [];

    /// <summary>The content hash of the configuration applied last (hot reload); null before the first.</summary>
    [Id(2)] public string? ConfigHash { get; set; }

    /// <summary>Hashes applied before and replaced since, newest last (bounded): a silo that still has one is older.</summary>
    [Id(3)] public List<string> SupersededHashes { get; set; } = [];

    /// <summary>The app-interface bundle's commit time (Unix seconds) of the applied configuration; null for a file.</summary>
    [Id(4)] public long? BundleTimestamp { get; set; }

    /// <summary>The configuration hash each silo reported it runs (parsable silo address → hash), newest silos kept.</summary>
    [Id(5)] public Dictionary<string, string> SiloConfigHashes { get; set; } = [];
}
