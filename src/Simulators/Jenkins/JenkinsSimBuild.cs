namespace AddonGrains.Simulators.Jenkins;

/// <summary>A snapshot of a simulated build.</summary>
public sealed record JenkinsSimBuild(
    string JobPath,
    int Number,
    long QueueId,
    IReadOnlyDictionary<string, string> Parameters,
    int CauseCount,
    bool Building,
    string? Result);
