namespace AddonGrains.Simulators.Jenkins;

/// <summary>
/// One request as the simulator received it: <see cref="RawPath"/> keeps the percent-encoding, <see cref="Status"/>
/// is what was answered (0 when the connection was dropped).
/// </summary>
public sealed record JenkinsSimRequest(
    string Method,
    string RawPath,
    string Query,
    IReadOnlyDictionary<string, string> Form,
    string? User,
    int Status);
