namespace AddonGrains.GrainInterfaces;

/// <summary>
/// Who asks for a manual action (<c>retrigger</c>, <c>baseline</c>) and why, as the CLI reports it: the operator's
/// reason, the OS user and host the CLI runs as, and the subject of the client certificate it connected with (null
/// without TLS). The silo decides what of this it can vouch for (<see cref="ManualActionEntry.Authenticated"/>).
/// </summary>
[GenerateSerializer, Immutable, Alias("operator-request")]
public sealed record OperatorRequest(
    [property: Id(0)] string Reason,
    [property: Id(1)] string OsUser,
    [property: Id(2)] string Host,
    [property: Id(3)] string? CertificateSubject);
