namespace AddonGrains.Simulators.Jenkins;

/// <summary>
/// A fault injected into matching requests. Without <see cref="StatusCode"/> or <see cref="DropConnection"/> it
/// only adds <see cref="Latency"/>. With <see cref="AfterProcessing"/> the request is processed (a build is queued)
/// before the response is replaced, which is how an unconfirmed dispatch looks to a client.
/// </summary>
public sealed record JenkinsSimFault
{
    /// <summary>HTTP method to match (GET, POST); null matches all.</summary>
    public string? Method { get; init; }

    /// <summary>Substring of the raw path to match (e.g. <c>/buildWithParameters</c>); null matches all.</summary>
    public string? PathContains { get; init; }

    /// <summary>Status to answer with (500, 502, 503, 429…).</summary>
    public int? StatusCode { get; init; }

    /// <summary>Retry-After header sent with <see cref="StatusCode"/>.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>Real-time delay before answering.</summary>
    public TimeSpan Latency { get; init; }

    /// <summary>Abort the connection instead of answering.</summary>
    public bool DropConnection { get; init; }

    /// <summary>The real answer's status, headers and first half of its body, then nothing more (a stalled proxy).</summary>
    public bool StallBody { get; init; }

    /// <summary>Process the request first, then fail its response.</summary>
    public bool AfterProcessing { get; init; }

    /// <summary>Apply to the next N matching requests only; null = until cleared.</summary>
    public int? Count { get; init; }

    /// <summary>Probability (0..1) that a matching request is affected, drawn from the seeded Random.</summary>
    public double Probability { get; init; } = 1.0;
}
