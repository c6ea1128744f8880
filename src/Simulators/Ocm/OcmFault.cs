namespace AddonGrains.Simulators.Ocm;

/// <summary>
/// What to do instead of (or before) answering a request. <see cref="Latency"/> is applied first, then
/// <see cref="Gate"/> is awaited; then the request hangs, gets a malformed body, gets <see cref="StatusCode"/>, or is
/// answered normally.
/// </summary>
public sealed record OcmFault
{
    /// <summary>Answer with this status and an error body (optionally with <see cref="RetryAfter"/>).</summary>
    public int? StatusCode { get; init; }

    /// <summary>Sent as <c>Retry-After</c> (whole seconds) with <see cref="StatusCode"/>.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>Sent as <c>Location</c> with <see cref="StatusCode"/> (a redirect).</summary>
    public string? Location { get; init; }

    /// <summary>Delay added before the answer.</summary>
    public TimeSpan Latency { get; init; }

    /// <summary>Answer 200 with a truncated JSON body.</summary>
    public bool MalformedJson { get; init; }

    /// <summary>Never answer; the request ends when the client gives up (or the simulator stops).</summary>
    public bool Hang { get; init; }

    /// <summary>The status (<see cref="StatusCode"/>, default 200), headers and the start of the body, then nothing more (a stalled upstream or proxy).</summary>
    public bool StallBody { get; init; }

    /// <summary>Hold the answer until this task completes: a gate the test opens (no timing involved).</summary>
    public Task? Gate { get; init; }

    /// <summary>An error status, e.g. 503, or 429 with a Retry-After.</summary>
    public static OcmFault Status(int statusCode, TimeSpan? retryAfter = null) => new() { StatusCode = statusCode, RetryAfter = retryAfter };

    /// <summary>A redirect (e.g. a proxy sending the client elsewhere): <paramref name="statusCode"/> with <c>Location</c>.</summary>
    public static OcmFault Redirect(string location, int statusCode = 302) => new() { StatusCode = statusCode, Location = location };

    /// <summary>Extra latency, then a normal answer.</summary>
    public static OcmFault Delay(TimeSpan latency) => new() { Latency = latency };

    /// <summary>200 with a body that is not valid JSON.</summary>
    public static OcmFault Malformed() => new() { MalformedJson = true };

    /// <summary>A normal answer, held until <paramref name="gate"/> completes.</summary>
    public static OcmFault HeldUntil(Task gate) => new() { Gate = gate };

    /// <summary>No answer until the client gives up.</summary>
    public static OcmFault Hanging() => new() { Hang = true };

    /// <summary>The status, headers and the start of the body, then nothing more.</summary>
    public static OcmFault StalledBody(int statusCode = 200) => new() { StallBody = true, StatusCode = statusCode };
}
