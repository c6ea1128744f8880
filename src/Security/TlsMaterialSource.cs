using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;
using Orleans.Connections.Security;

namespace AddonGrains.Security;

/// <summary>
/// The current <see cref="TlsMaterial"/>, re-read when one of its files changes (certificate rotation without a
/// restart): each new handshake asks for the certificate and the CA bundle, which costs three file time stamps. A
/// changed set of files that does not pass <see cref="TlsMaterial.Load"/> is logged and ignored: the last good
/// material stays in use, never none. Connections already open keep the certificate they were made with.
/// </summary>
public sealed partial class TlsMaterialSource
{
    private readonly TlsPaths _paths;
    private readonly bool _server;
    private readonly TimeProvider _clock;
    private ILogger _logger = Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;
    private readonly Lock _gate = new();
    private TlsMaterial _current;
    private DateTime[] _stamp;

    private TlsMaterialSource(TlsPaths paths, bool server, TimeProvider clock)
    {
        (_paths, _server, _clock) = (paths, server, clock);
        _stamp = Stamp();
        _current = TlsMaterial.Load(paths, server, clock.GetUtcNow());
    }

    /// <summary>Loads the files now; throws <see cref="TlsSettingException"/> naming the setting when they are not usable.</summary>
    public static TlsMaterialSource Load(TlsPaths paths, bool server, TimeProvider clock) => new(paths, server, clock);

    /// <summary>Where refused peers and rotations are logged (the host's logger exists only after the files were checked).</summary>
    public void UseLogger(ILogger logger) => _logger = logger;

    public TlsPaths Paths => _paths;

    public TlsMaterial Current
    {
        get
        {
            ReloadIfChanged();
            return _current;
        }
    }

    /// <summary>Mutual TLS: a certificate is required from every peer, and it must chain to the CA bundle.</summary>
    public void Configure(TlsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.LocalCertificate = _current.Certificate;
        options.LocalServerCertificateSelector = (_, _) => Current.Certificate;
        options.LocalClientCertificateSelector = (_, _, _, _, _) => Current.Certificate;
        options.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate;
        options.ClientCertificateMode = RemoteCertificateMode.RequireCertificate;
        options.RemoteCertificateValidation = Validate;
    }

    private bool Validate(X509Certificate2 certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        // The platform's own verdict (system roots, host name) is deliberately not used: only the CA bundle counts.
        if (PeerCertificates.Check(certificate, Current.Authorities, _clock.GetUtcNow()) is { } problem)
        {
            LogRefused(_logger, certificate.Subject, certificate.Issuer, problem);
            return false;
        }

        return true;
    }

    private void ReloadIfChanged()
    {
        var stamp = Stamp();
        if (stamp.SequenceEqual(_stamp))
        {
            return;
        }

        lock (_gate)
        {
            if (stamp.SequenceEqual(_stamp))
            {
                return;
            }

            _stamp = stamp;
            try
            {
                _current = TlsMaterial.Load(_paths, _server, _clock.GetUtcNow());
                var (subject, notAfter) = (_current.Certificate.Subject, _current.Certificate.NotAfter.ToUniversalTime());
                LogReloaded(_logger, subject, notAfter);
            }
            catch (TlsSettingException ex)
            {
                LogReloadRejected(_logger, ex.Message);
            }
        }
    }

    private DateTime[] Stamp() => [.. _paths.All.Select(p => File.Exists(p.Path) ? File.GetLastWriteTimeUtc(p.Path) : DateTime.MinValue)];

    [LoggerMessage(Level = LogLevel.Warning, Message = "TLS: refused the peer certificate '{Subject}' (issuer '{Issuer}'): {Problem}")]
    private static partial void LogRefused(ILogger logger, string subject, string issuer, string problem);

    [LoggerMessage(Level = LogLevel.Information, Message = "TLS: certificate files changed; new connections now use '{Subject}' (valid until {NotAfter:u})")]
    private static partial void LogReloaded(ILogger logger, string subject, DateTime notAfter);

    [LoggerMessage(Level = LogLevel.Warning, Message = "TLS: certificate files changed but cannot be used, keeping the previous ones: {Problem}")]
    private static partial void LogReloadRejected(ILogger logger, string problem);
}
