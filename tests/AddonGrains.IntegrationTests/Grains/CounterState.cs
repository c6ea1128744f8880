namespace AddonGrains.IntegrationTests.Grains;

[GenerateSerializer, Alias("it-counter-state")]
public sealed class CounterState
{
    [Id(0)] public int Value { get; set; }
    [Id(1)] public string? Label { get; set; }
}
