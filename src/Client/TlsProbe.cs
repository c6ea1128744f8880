using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using AddonGrains.Security;

namespace AddonGrains.Client;

/// <summary>
/// A TLS handshake with the gateway outside Orleans, so a certificate problem is one clear line that says which side
/// refused (the Orleans client would only retry until its deadline). Before connecting it shows at once whether this
/// CLI trusts the silo. A silo that refuses the CLI's certificate closes the connection right after the handshake
/// (the server checks the client certificate once the handshake is done), so after a failed connect
/// <c>awaitVerdict</c> reads until the silo either closes (refused) or the deadline passes (no verdict).
/// </summary>
internal static class TlsProbe
{
    public const string Problem = "TLS/certificate problem";

    /// <summary>Throws <see cref="CliException"/> (<see cref="ExitCodes.Unreachable"/>) when either side refuses the other.</summary>
    public static async Task HandshakeAsync(Socket socket, GatewayAddress gateway, TlsMaterial tls, bool awaitVerdict, CancellationToken cancellationToken)
    {
        string? ourRefusal = null;
        await using var stream = new NetworkStream(socket, ownsSocket: false);
        await using var ssl = new SslStream(stream, leaveInnerStreamOpen: true, (_, certificate, _, _) =>
        {
            ourRefusal = certificate is null ? "the silo presented no certificate"
                : PeerCertificates.Check(X509CertificateLoader.LoadCertificate(certificate.GetRawCertData()), tls.Authorities, DateTimeOffset.UtcNow) is { } problem
                    ? $"its certificate '{certificate.Subject}' does not chain to this CLI's CA bundle: {problem}"
                    : null;
            return ourRefusal is null;
        });
        try
        {
            await ssl.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
            {
                TargetHost = gateway.Host,
                ClientCertificates = [tls.Certificate],
                CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
            }, cancellationToken);
            if (awaitVerdict && await ssl.ReadAsync(new byte[1], cancellationToken) == 0)
            {
                throw new IOException("the silo closed the connection after the handshake");
            }
        }
        catch (Exception ex) when (ex is AuthenticationException or IOException)
        {
            throw new CliException(ExitCodes.Unreachable, ourRefusal is not null
                ? $"{Problem}: this CLI refused the silo at {gateway}: {ourRefusal}"
                : $"{Problem}: the silo at {gateway} refused this CLI's certificate '{tls.Certificate.Subject}' (it must chain to the silo's CA, Orleans__Tls__Ca), "
                  + $"or the silo does not run TLS: {Innermost(ex).Message}", ex);
        }
        catch (OperationCanceledException ex) when (!awaitVerdict)
        {
            throw new CliException(ExitCodes.Unreachable, $"{Problem}: no TLS handshake with the silo at {gateway} in time (does it run TLS?)", ex);
        }
        catch (OperationCanceledException) when (awaitVerdict)
        {
            // The silo kept the connection open: it accepted the certificate, so the problem lies elsewhere.
        }
    }

    /// <summary>Whether a gateway answers a TLS handshake (a plaintext CLI was turned away: say why).</summary>
    public static async Task<bool> SpeaksTlsAsync(IPEndPoint endpoint, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var sawCertificate = false;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            using var client = new TcpClient(endpoint.AddressFamily);
            await client.ConnectAsync(endpoint, deadline.Token);
            await using var ssl = new SslStream(client.GetStream(), leaveInnerStreamOpen: false, (_, certificate, _, _) =>
            {
                sawCertificate = certificate is not null;
                return false;
            });
            await ssl.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = endpoint.Address.ToString() }, deadline.Token);
        }
        catch (Exception ex) when (ex is AuthenticationException or IOException or SocketException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
        }

        return sawCertificate;
    }

    private static Exception Innermost(Exception exception) => exception.InnerException is { } inner ? Innermost(inner) : exception;
}
