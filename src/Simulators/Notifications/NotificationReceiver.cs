using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace AddonGrains.Simulators.Notifications;

/// <summary>
/// A Slack incoming-webhook / CloudEvents webhook receiver on loopback HTTP that records every request it gets and
/// how it answered. Faults: 500, 429 with <c>Retry-After</c>, never answering (<see cref="ReceiverFault"/>), and
/// connection refused (<see cref="StopAsync"/>, then <see cref="RestartAsync"/> on the same port).
/// </summary>
public sealed class NotificationReceiver : IAsyncDisposable
{
    private readonly ConcurrentQueue<ReceivedNotification> _requests = new();
    private volatile ReceiverFault _fault;
    private TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private WebApplication? _app;

    private NotificationReceiver()
    {
    }

    /// <summary>Root URL, e.g. <c>http://127.0.0.1:54321/</c>; stays the same across a restart.</summary>
    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>The value of <c>Retry-After</c> (seconds) with <see cref="ReceiverFault.TooManyRequests"/>.</summary>
    public int RetryAfterSeconds { get; set; } = 1;

    /// <summary>How requests are answered from now on; leaving <see cref="ReceiverFault.Hang"/> answers the hanging ones with the new fault.</summary>
    public ReceiverFault Fault
    {
        get => _fault;
        set
        {
            _fault = value;
            Interlocked.Exchange(ref _release, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
        }
    }

    /// <summary>Every request so far, oldest first (also those it failed or never answered).</summary>
    public IReadOnlyList<ReceivedNotification> Requests => [.. _requests];

    /// <summary>The requests it accepted (2xx), oldest first.</summary>
    public IReadOnlyList<ReceivedNotification> Accepted => [.. _requests.Where(r => r.Status is >= 200 and < 300)];

    /// <summary>The accepted requests to <paramref name="path"/> (e.g. <c>/hook</c>).</summary>
    public IReadOnlyList<ReceivedNotification> AcceptedAt(string path) => [.. Accepted.Where(r => r.Path == path)];

    /// <summary>A URL on this receiver.</summary>
    public Uri Url(string path) => new(BaseUrl, path.TrimStart('/'));

    /// <summary>Starts on 127.0.0.1 on a free port.</summary>
    public static async Task<NotificationReceiver> StartAsync(CancellationToken cancellationToken = default)
    {
        var receiver = new NotificationReceiver();
        await receiver.ListenAsync(0, cancellationToken);
        return receiver;
    }

    /// <summary>Stops listening: senders get connection refused until <see cref="RestartAsync"/>.</summary>
    public async Task StopAsync()
    {
        if (Interlocked.Exchange(ref _app, null) is { } app)
        {
            _release.TrySetResult();
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    /// <summary>Listens again on the same port.</summary>
    public Task RestartAsync(CancellationToken cancellationToken = default) => ListenAsync(BaseUrl.Port, cancellationToken);

    public ValueTask DisposeAsync() => new(StopAsync());

    private async Task ListenAsync(int port, CancellationToken cancellationToken)
    {
        var app = LoopbackWebHost.Build(port);
        BaseUrl = await LoopbackWebHost.StartAsync(app, HandleAsync, cancellationToken);
        _app = app;
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        var fault = _fault;
        if (fault == ReceiverFault.Hang)
        {
            Record(context, body, 0);
            var release = _release.Task;
            await Task.WhenAny(release, Task.Delay(Timeout.Infinite, context.RequestAborted));
            if (context.RequestAborted.IsCancellationRequested || _app is null)
            {
                return;
            }

            fault = _fault;
        }

        var status = fault switch
        {
            ReceiverFault.ServerError => 500,
            ReceiverFault.TooManyRequests => 429,
            _ => 204,
        };
        if (status == 429)
        {
            context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        Record(context, body, status);

        context.Response.StatusCode = status;
    }

    private void Record(HttpContext context, string body, int status) =>
        _requests.Enqueue(new ReceivedNotification(context.Request.Path.Value ?? "/", context.Request.ContentType,
            context.Request.Headers["X-AddonGrains-Signature"].FirstOrDefault(), body, status, DateTimeOffset.UtcNow));
}
