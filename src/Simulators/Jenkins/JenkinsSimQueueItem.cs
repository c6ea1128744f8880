namespace AddonGrains.Simulators.Jenkins;

/// <summary>A snapshot of a simulated queue item (waiting, or left and still retained).</summary>
public sealed record JenkinsSimQueueItem(
    long Id,
    string JobPath,
    IReadOnlyDictionary<string, string> Parameters,
    int CauseCount,
    bool Left,
    bool Cancelled,
    int? BuildNumber,
    DateTimeOffset Due);
