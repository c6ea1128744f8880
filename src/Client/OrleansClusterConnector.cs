using System.Data.Common;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using AddonGrains.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;

namespace AddonGrains.Client;

/// <summary>
/// Starts an Orleans client host on first use: ADO.NET clustering through the membership table when
/// <c>ConnectionStrings__Orleans</c> is set, else the static gateway. The connect is bounded by
/// <see cref="ConnectionSettings.ConnectTimeout"/> so a CLI never hangs on a cluster that is not there.
/// </summary>
internal sealed class OrleansClusterConnector(ConnectionSettings settings) : IClusterConnector, IAsyncDisposable
{
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(3);

    private IHost? _host;
    private bool _connected;
    private TlsMaterialSource? _tls;

    public string? CertificateSubject => _tls?.Current.Certificate.Subject;

    public async Task<IClusterClient> ConnectAsync(GatewayAddress gateway, ClientTlsOptions tls, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(gateway);
        ArgumentNullException.ThrowIfNull(tls);
        if (_host is not null)
        {
            return _connected ? _host.Services.GetRequiredService<IClusterClient>() : throw Unreachable(gateway, "an earlier attempt failed");
        }

        _tls = LoadTls(tls);
        var endpoint = settings.ConnectionString is null ? await gateway.ResolveAsync(cancellationToken) : null;
        if (endpoint is not null)
        {
            await ProbeAsync(gateway, endpoint, cancellationToken);
        }

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.UseOrleansClient(client => Configure(client, endpoint));
        _host = builder.Build();
        // The Orleans client keeps retrying a gateway that does not answer; the deadline also cancels that.
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(settings.ConnectTimeout);
        try
        {
            await _host.StartAsync(deadline.Token).WaitAsync(settings.ConnectTimeout, cancellationToken);
        }
        catch (Exception ex) when (ex is TimeoutException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw await DiagnoseTlsAsync(gateway, endpoint, cancellationToken) ?? Unreachable(gateway, $"no connection within {Seconds}s");
        }
        catch (Exception ex) when (IsConnectionFailure(ex))
        {
            throw await DiagnoseTlsAsync(gateway, endpoint, cancellationToken) ?? Unreachable(gateway, ex.Message, ex);
        }

        _connected = true;
        return _host.Services.GetRequiredService<IClusterClient>();
    }

    /// <summary>Whether an exception means the cluster (or the membership table) could not be reached.</summary>
    public static bool IsConnectionFailure(Exception exception) => exception switch
    {
        AggregateException aggregate => aggregate.InnerExceptions.All(IsConnectionFailure),
        OrleansException or DbException or SocketException or TimeoutException or IOException => true,
        _ => false,
    };

    public async ValueTask DisposeAsync()
    {
        if (_host is null)
        {
            return;
        }

        if (_connected)
        {
            // Leave the cluster politely, but never let a dead gateway keep the process alive.
            using var stop = new CancellationTokenSource(StopTimeout);
            await _host.StopAsync(stop.Token);
        }

        _host.Dispose();
    }

    /// <summary>
    /// A plain TCP connect first: the Orleans client would retry a closed port until the deadline, while a refused
    /// connection is a fast, clear answer (nothing listens there).
    /// </summary>
    private async Task ProbeAsync(GatewayAddress gateway, IPEndPoint endpoint, CancellationToken cancellationToken)
    {
        using var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(settings.ConnectTimeout);
        try
        {
            await socket.ConnectAsync(endpoint, deadline.Token);
        }
        catch (SocketException ex)
        {
            throw Unreachable(gateway, ex.SocketErrorCode == SocketError.ConnectionRefused ? "connection refused" : ex.Message, ex);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw Unreachable(gateway, $"no answer within {Seconds}s", ex);
        }

        if (_tls is not null)
        {
            await TlsProbe.HandshakeAsync(socket, gateway, _tls.Current, awaitVerdict: false, deadline.Token);
        }
    }

    private TlsMaterialSource? LoadTls(ClientTlsOptions options)
    {
        try
        {
            return options.Resolve(settings.Tls) is { } paths ? TlsMaterialSource.Load(paths, server: false, TimeProvider.System) : null;
        }
        catch (TlsSettingException ex)
        {
            throw new CliException(ExitCodes.Usage, ex.Message, ex);
        }
    }

    /// <summary>
    /// After a failed connect, whether TLS was the reason: a plaintext CLI turned away by a gateway that speaks TLS, or a
    /// silo that closes the connection on this CLI's certificate. Null when TLS is not the reason (or cannot be told).
    /// </summary>
    private async Task<CliException?> DiagnoseTlsAsync(GatewayAddress gateway, IPEndPoint? endpoint, CancellationToken cancellationToken)
    {
        if (endpoint is null)
        {
            return null;
        }

        if (_tls is null)
        {
            return await TlsProbe.SpeaksTlsAsync(endpoint, settings.ConnectTimeout, cancellationToken)
                ? new CliException(ExitCodes.Unreachable, $"{TlsProbe.Problem}: the silo at {gateway} requires mutual TLS and this CLI has no certificate: "
                    + $"pass --tls-cert, --tls-key and --tls-ca (or set {TlsPaths.CertificateVariable}, {TlsPaths.KeyVariable}, {TlsPaths.CaVariable})")
                : null;
        }

        using var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(settings.ConnectTimeout);
        try
        {
            await socket.ConnectAsync(endpoint, deadline.Token);
            await TlsProbe.HandshakeAsync(socket, gateway, _tls.Current, awaitVerdict: true, deadline.Token);
            return null;
        }
        catch (CliException ex)
        {
            return ex;
        }
        catch (Exception ex) when (ex is SocketException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return null;
        }
    }

    private string Seconds => settings.ConnectTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture);

    private void Configure(IClientBuilder client, IPEndPoint? endpoint)
    {
        client.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = settings.ClusterId;
            o.ServiceId = settings.ServiceId;
        });
        if (endpoint is null)
        {
            client.UseAdoNetClustering(o =>
            {
                o.Invariant = "Npgsql";
                o.ConnectionString = settings.ConnectionString;
            });
        }
        else
        {
            client.UseStaticClustering(endpoint);
        }

        // 'check' and 'validate' wait for OCM and Jenkins, which retry with backoff: allow more than Orleans' 30 s.
        client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromMinutes(2));
        client.AddActivityPropagation();
        if (_tls is not null)
        {
            client.UseTls(_tls.Configure);
        }
    }

    private CliException Unreachable(GatewayAddress gateway, string reason, Exception? inner = null)
    {
        var message = settings.ConnectionString is null
            ? $"cannot reach the AddonGrains cluster at gateway {gateway} ({reason}). Is a silo running there? "
              + $"Point elsewhere with --gateway HOST:PORT, or set {ConnectionSettings.ConnectionStringVariable} to find the silos through the membership table."
            : $"cannot reach the AddonGrains cluster through the membership table in {ConnectionSettings.ConnectionStringVariable} "
              + $"(cluster '{settings.ClusterId}', service '{settings.ServiceId}': {reason}). Check the connection string, Orleans__ClusterId "
              + $"and Orleans__ServiceId, or unset {ConnectionSettings.ConnectionStringVariable} and use --gateway HOST:PORT.";
        return new CliException(ExitCodes.Unreachable, message, inner);
    }
}
