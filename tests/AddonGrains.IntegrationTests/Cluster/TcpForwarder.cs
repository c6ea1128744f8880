using System.Net;
using System.Net.Sockets;

namespace AddonGrains.IntegrationTests.Cluster;

/// <summary>
/// Forwards connections to <c>listen:port</c> to <c>127.0.0.1:port</c>: how silos in network namespaces reach the
/// PostgreSQL server and the simulators, which listen on the test machine's loopback only.
/// </summary>
internal sealed class TcpForwarder : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private readonly int _port;

    public TcpForwarder(IPAddress listen, int port)
    {
        _port = port;
        _listener = new TcpListener(listen, port);
        _listener.Start();
        _accepting = AcceptAsync();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient inbound;
            try
            {
                inbound = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = PipeAsync(inbound);
        }
    }

    private async Task PipeAsync(TcpClient inbound)
    {
        using (inbound)
        using (var outbound = new TcpClient())
        {
            try
            {
                await outbound.ConnectAsync(IPAddress.Loopback, _port, _stop.Token);
                var a = inbound.GetStream().CopyToAsync(outbound.GetStream(), _stop.Token);
                var b = outbound.GetStream().CopyToAsync(inbound.GetStream(), _stop.Token);
                await Task.WhenAny(a, b);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or IOException or ObjectDisposedException)
            {
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        _stop.Dispose();
    }
}
