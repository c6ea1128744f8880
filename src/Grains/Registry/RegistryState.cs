namespace AddonGrains.Grains.Registry;

/// <summary>The rollout keys that were active after the last reconciliation. Schema 1.</summary>
[GenerateSerializer, Alias("registry-state")]
public sealed class RegistryState
{
    public const int CurrentSchema = 1;

    [Id(0)] public int Schema { get; set; } = CurrentSchema;
    [Id(1)] public List<string> Keys { get; set; } = [];
}
