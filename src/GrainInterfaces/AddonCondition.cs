namespace AddonGrains.GrainInterfaces;

/// <summary>One status condition of an add-on as the add-on service reported it (type and value kept as OCM's text).</summary>
[GenerateSerializer, Immutable, Alias("addon-condition")]
public sealed record AddonCondition(
    [property: Id(0)] string Type,
    [property: Id(1)] string Value,
    [property: Id(2)] string? Reason)
{
    public override string ToString() => Reason is { Length: > 0 } reason ? $"{Type}={Value}: {reason}" : $"{Type}={Value}";
}
