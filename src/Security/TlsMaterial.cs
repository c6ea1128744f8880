using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace AddonGrains.Security;

/// <summary>
/// A certificate with its private key and the CA bundle peers must chain to, loaded from <see cref="TlsPaths"/> and
/// checked the way a handshake would check it, so a bad file stops the process at start with the setting named.
/// </summary>
public sealed class TlsMaterial
{
    private static readonly Oid ServerAuth = new("1.3.6.1.5.5.7.3.1");
    private static readonly Oid ClientAuth = new("1.3.6.1.5.5.7.3.2");

    private TlsMaterial(X509Certificate2 certificate, X509Certificate2Collection authorities)
    {
        Certificate = certificate;
        Authorities = authorities;
    }

    /// <summary>This process's certificate, with its private key.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>The CA bundle: a peer's certificate must chain to one of these (and only these).</summary>
    public X509Certificate2Collection Authorities { get; }

    /// <summary>
    /// Loads and checks the three files: each exists and parses, the key matches the certificate, the certificate is
    /// valid now and allowed for its uses, and the CA bundle signed it. <paramref name="server"/>: the certificate also
    /// accepts connections (a silo), so it needs serverAuth as well as clientAuth when it restricts its usage.
    /// </summary>
    public static TlsMaterial Load(TlsPaths paths, bool server, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var certificate = ReadCertificate(paths.Certificate);
        using var publicOnly = certificate;
        var full = AttachKey(certificate, paths.Key, paths.Certificate.Setting);
        if (now < full.NotBefore.ToUniversalTime())
        {
            throw new TlsSettingException(paths.Certificate.Setting, $"the certificate in '{paths.Certificate.Path}' is not valid before {Iso(full.NotBefore)}");
        }

        if (now > full.NotAfter.ToUniversalTime())
        {
            throw new TlsSettingException(paths.Certificate.Setting, $"the certificate in '{paths.Certificate.Path}' expired on {Iso(full.NotAfter)}");
        }

        CheckUsage(full, paths.Certificate, server);
        var authorities = ReadAuthorities(paths.Ca);
        if (PeerCertificates.Check(full, authorities, now) is { } problem)
        {
            throw new TlsSettingException(paths.Ca.Setting,
                $"the CA bundle '{paths.Ca.Path}' did not sign the certificate in {paths.Certificate.Setting} ({full.Subject}): {problem}");
        }

        return new TlsMaterial(full, authorities);
    }

    private static string Iso(DateTime time) => time.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);

    private static string ReadText(TlsPath path)
    {
        if (!File.Exists(path.Path))
        {
            throw new TlsSettingException(path.Setting, $"file '{path.Path}' does not exist");
        }

        try
        {
            return File.ReadAllText(path.Path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new TlsSettingException(path.Setting, $"cannot read '{path.Path}': {ex.Message}", ex);
        }
    }

    private static X509Certificate2 ReadCertificate(TlsPath path)
    {
        try
        {
            return X509Certificate2.CreateFromPem(ReadText(path));
        }
        catch (CryptographicException ex)
        {
            throw new TlsSettingException(path.Setting, $"'{path.Path}' holds no PEM certificate (-----BEGIN CERTIFICATE-----): {ex.Message}", ex);
        }
    }

    private static X509Certificate2 AttachKey(X509Certificate2 certificate, TlsPath key, string certificateSetting)
    {
        var pem = ReadText(key);
        try
        {
            if (certificate.GetRSAPublicKey() is { } rsaPublic)
            {
                rsaPublic.Dispose();
                using var rsa = RSA.Create();
                rsa.ImportFromPem(pem);
                return certificate.CopyWithPrivateKey(rsa);
            }

            if (certificate.GetECDsaPublicKey() is { } ecPublic)
            {
                ecPublic.Dispose();
                using var ec = ECDsa.Create();
                ec.ImportFromPem(pem);
                return certificate.CopyWithPrivateKey(ec);
            }
        }
        catch (Exception ex) when (ex is ArgumentException or CryptographicException)
        {
            var problem = ex.Message.Contains("match", StringComparison.OrdinalIgnoreCase)
                ? $"the private key in '{key.Path}' does not match the certificate in {certificateSetting}"
                : $"'{key.Path}' holds no usable PEM private key of the certificate's type (an unencrypted PKCS#8, RSA or EC key): {ex.Message}";
            throw new TlsSettingException(key.Setting, problem, ex);
        }

        throw new TlsSettingException(certificateSetting, $"the certificate's key algorithm ({certificate.PublicKey.Oid.FriendlyName}) is not supported: use RSA or ECDSA");
    }

    private static void CheckUsage(X509Certificate2 certificate, TlsPath path, bool server)
    {
        if (certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>().FirstOrDefault() is not { } usage)
        {
            return;
        }

        var usages = usage.EnhancedKeyUsages.Cast<Oid>().Select(o => o.Value).ToHashSet();
        var needed = server ? new[] { ServerAuth, ClientAuth } : [ClientAuth];
        var missing = needed.Where(o => !usages.Contains(o.Value)).Select(o => o.Value == ServerAuth.Value ? "serverAuth" : "clientAuth").ToList();
        if (missing.Count > 0)
        {
            throw new TlsSettingException(path.Setting,
                $"the certificate's extended key usage lacks {string.Join(" and ", missing)} ({(server ? "a silo both accepts and opens connections" : "the CLI authenticates as a client")})");
        }
    }

    private static X509Certificate2Collection ReadAuthorities(TlsPath path)
    {
        var text = ReadText(path);
        var authorities = new X509Certificate2Collection();
        try
        {
            authorities.ImportFromPem(text);
        }
        catch (CryptographicException ex)
        {
            throw new TlsSettingException(path.Setting, $"'{path.Path}' is not a PEM certificate bundle: {ex.Message}", ex);
        }

        return authorities.Count > 0 ? authorities
            : throw new TlsSettingException(path.Setting, $"'{path.Path}' holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
    }
}
