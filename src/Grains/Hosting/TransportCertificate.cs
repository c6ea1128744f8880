namespace AddonGrains.Grains.Hosting;

/// <summary>The silo's own certificate, for <c>validate</c>.</summary>
public sealed record TransportCertificate(string Subject, DateTimeOffset NotAfter);
