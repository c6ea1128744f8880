namespace AddonGrains.Grains.Hosting;

/// <summary>
/// What the silo knows about its own connections: whether every one of them is mutual TLS against the configured CA
/// (then only holders of a certificate from that CA reach any grain) and, if so, its current certificate. The host
/// registers it; without a registration the silo is plaintext.
/// </summary>
public sealed class TransportSecurity(Func<TransportCertificate>? certificate)
{
    public static readonly TransportSecurity Plaintext = new(null);

    public bool MutualTls => certificate is not null;

    /// <summary>The certificate new connections use (it changes when the files are rotated); null without TLS.</summary>
    public TransportCertificate? Certificate => certificate?.Invoke();
}
