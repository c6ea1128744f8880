namespace AddonGrains.IntegrationTests.Processes;

/// <summary>
/// Tests that kill and restart real silo processes (crashes, failover, restarts): one at a time, beside the other
/// collections. They share no ports (each picks free ones) and no database (each creates its own).
/// </summary>
[CollectionDefinition(Name)]
public sealed class ProcessGroup
{
    public const string Name = nameof(ProcessGroup);
}

/// <summary>
/// Tests that run clusters of real silo processes on several loopback addresses or network namespaces, reload their
/// configuration and secure them: one at a time, beside <see cref="ProcessGroup"/> and the other collections (on its
/// own, <see cref="ProcessGroup"/> held most of the suite's time).
/// </summary>
[CollectionDefinition(Name)]
public sealed class ClusterProcessGroup
{
    public const string Name = nameof(ClusterProcessGroup);
}

/// <summary>
/// Tests that run silo and CLI processes on bad input, hostile names and secrets, and the demo: one at a time, beside
/// <see cref="ProcessGroup"/> and the other collections.
/// </summary>
[CollectionDefinition(Name)]
public sealed class AbuseProcessGroup
{
    public const string Name = nameof(AbuseProcessGroup);
}

/// <summary>
/// Tests that assert nobody listens on the free ports they picked for a silo that must not start: alone, so that no
/// other test's process can pick the same port meanwhile.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class PortCheckGroup
{
    public const string Name = nameof(PortCheckGroup);
}
