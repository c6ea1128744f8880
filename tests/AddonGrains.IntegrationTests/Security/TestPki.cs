using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace AddonGrains.IntegrationTests.Security;

/// <summary>
/// Certificates made by the tests (CertificateRequest, ECDSA P-256): CAs and leaves, written as PEM files into a
/// temporary directory that is removed on dispose. Leaves carry serverAuth and clientAuth and 127.0.0.1 / localhost.
/// </summary>
public sealed class TestPki : IDisposable
{
    private readonly List<X509Certificate2> _made = [];

    public TestPki() => Directory = System.IO.Directory.CreateTempSubdirectory("addongrains-pki-").FullName;

    public string Directory { get; }

    public X509Certificate2 CreateCa(string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        return Keep(request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-30), DateTimeOffset.UtcNow.AddYears(1)));
    }

    /// <summary>A leaf signed by <paramref name="ca"/>, valid from a day ago for <paramref name="validFor"/> (negative: already expired).</summary>
    public X509Certificate2 Issue(X509Certificate2 ca, string commonName, TimeSpan? validFor = null)
    {
        ArgumentNullException.ThrowIfNull(ca);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={commonName}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], false));
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        var notAfter = DateTimeOffset.UtcNow + (validFor ?? TimeSpan.FromDays(90));
        var notBefore = notAfter < DateTimeOffset.UtcNow ? notAfter.AddDays(-10) : DateTimeOffset.UtcNow.AddDays(-1);
        using var signed = request.Create(ca, notBefore, notAfter, RandomNumberGenerator.GetBytes(16));
        return Keep(signed.CopyWithPrivateKey(key));
    }

    /// <summary>Writes <c>{name}.crt</c>, <c>{name}.key</c> and the CA bundle <c>{name}-ca.pem</c>; returns the three paths.</summary>
    public TlsFiles Write(string name, X509Certificate2 leaf, params X509Certificate2[] authorities)
    {
        ArgumentNullException.ThrowIfNull(leaf);
        var files = new TlsFiles(Path.Combine(Directory, $"{name}.crt"), Path.Combine(Directory, $"{name}.key"), Path.Combine(Directory, $"{name}-ca.pem"));
        File.WriteAllText(files.Certificate, leaf.ExportCertificatePem());
        using var key = leaf.GetECDsaPrivateKey() ?? throw new InvalidOperationException("the leaf has no ECDSA private key");
        File.WriteAllText(files.Key, key.ExportPkcs8PrivateKeyPem());
        File.WriteAllText(files.Ca, string.Concat(authorities.Select(a => a.ExportCertificatePem() + "\n")));
        return files;
    }

    public void Dispose()
    {
        _made.ForEach(c => c.Dispose());
        System.IO.Directory.Delete(Directory, recursive: true);
    }

    private X509Certificate2 Keep(X509Certificate2 certificate)
    {
        _made.Add(certificate);
        return certificate;
    }
}
