using System.Collections.Concurrent;
using System.Net;
using System.Text;

namespace AddonGrains.Upstream.Tests.Ocm;

/// <summary>Answers requests with a function and records them (thread-safe).</summary>
internal sealed class StubHttpHandler(Func<HttpRequestMessage, int, HttpResponseMessage> respond) : HttpMessageHandler
{
    private int _count;

    public ConcurrentQueue<HttpRequestMessage> Requests { get; } = new();

    /// <summary>The bearer of each request at the time it was sent (a retried request is the same object).</summary>
    public ConcurrentQueue<string?> Bearers { get; } = new();

    public IEnumerable<HttpRequestMessage> RequestsTo(string pathPart) =>
        Requests.Where(r => r.RequestUri!.AbsolutePath.Contains(pathPart, StringComparison.Ordinal));

    public static HttpResponseMessage Json(string json, HttpStatusCode status = HttpStatusCode.OK) =>
        new(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };

    /// <summary>Request bodies as sent (the request is disposed afterwards).</summary>
    public ConcurrentQueue<string> Bodies { get; } = new();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Requests.Enqueue(request);
        Bodies.Enqueue(request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken));
        Bearers.Enqueue(request.Headers.Authorization?.Parameter);
        var response = respond(request, Interlocked.Increment(ref _count));
        response.RequestMessage = request;
        return response;
    }
}
