namespace AddonGrains.IntegrationTests.Processes;

/// <summary>Tests that run real silo processes: one at a time, never beside other tests (2 cores).</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessGroup
{
    public const string Name = nameof(ProcessGroup);
}
