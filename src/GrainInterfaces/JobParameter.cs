namespace AddonGrains.GrainInterfaces;

/// <summary>One Jenkins build parameter.</summary>
[GenerateSerializer, Immutable, Alias("job-parameter")]
public sealed record JobParameter([property: Id(0)] string Name, [property: Id(1)] string Value);
