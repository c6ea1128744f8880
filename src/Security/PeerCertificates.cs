using System.Security.Cryptography.X509Certificates;

namespace AddonGrains.Security;

/// <summary>
/// The one trust rule: a certificate is good when it chains to the configured CA bundle, and only to it (the
/// machine's trusted roots play no part). Host names are not checked: silos dial each other by IP address, and the
/// CA is private to the deployment, so holding a certificate it signed is the credential.
/// </summary>
public static class PeerCertificates
{
    /// <summary>Null when <paramref name="certificate"/> chains to <paramref name="authorities"/> at <paramref name="now"/>, else why not.</summary>
    public static string? Check(X509Certificate2 certificate, X509Certificate2Collection authorities, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        ArgumentNullException.ThrowIfNull(authorities);
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = now.UtcDateTime;
        foreach (var authority in authorities)
        {
            // Self-signed certificates are the roots; intermediates in the bundle only help build the chain.
            (authority.SubjectName.RawData.AsSpan().SequenceEqual(authority.IssuerName.RawData)
                ? chain.ChainPolicy.CustomTrustStore : chain.ChainPolicy.ExtraStore).Add(authority);
        }

        if (chain.Build(certificate))
        {
            return null;
        }

        var reasons = chain.ChainStatus.Select(s => s.StatusInformation.Trim()).Where(s => s.Length > 0).Distinct().ToList();
        return reasons.Count == 0 ? "the chain does not end at the CA" : string.Join("; ", reasons);
    }
}
