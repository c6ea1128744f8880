namespace AddonGrains.IntegrationTests.Processes;

// The tests that start silo processes run one at a time inside each collection below and beside the other
// collections (xunit.runner.json: two collections per core). Each test picks free ports and creates its own database,
// so the split follows time, not resources: each collection takes about as long as the others (docs/testing.md).

/// <summary>Tests that kill real silo processes (crashes, the trigger path's kill points, an unreachable database).</summary>
[CollectionDefinition(Name)]
public sealed class ProcessGroup
{
    public const string Name = nameof(ProcessGroup);
}

/// <summary>Tests that kill the silo holding a rollout and time how long the others take to carry on.</summary>
[CollectionDefinition(Name)]
public sealed class FailoverProcessGroup
{
    public const string Name = nameof(FailoverProcessGroup);
}

/// <summary>Tests that restart one silo process over durable state: history, notifications, pause and verdicts.</summary>
[CollectionDefinition(Name)]
public sealed class RestartProcessGroup
{
    public const string Name = nameof(RestartProcessGroup);
}

/// <summary>Tests that run clusters of real silo processes on several loopback addresses and lose most of them.</summary>
[CollectionDefinition(Name)]
public sealed class ClusterProcessGroup
{
    public const string Name = nameof(ClusterProcessGroup);
}

/// <summary>Tests that replace each silo of a cluster in turn, or run each in a network namespace of its own.</summary>
[CollectionDefinition(Name)]
public sealed class UpgradeProcessGroup
{
    public const string Name = nameof(UpgradeProcessGroup);
}

/// <summary>Tests that reload the configuration of running silo processes (YAML, app-interface) and secure them (mutual TLS).</summary>
[CollectionDefinition(Name)]
public sealed class ReloadProcessGroup
{
    public const string Name = nameof(ReloadProcessGroup);
}

/// <summary>
/// Tests that run silo and CLI processes on bad input, hostile names and secrets, and the demo.
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
