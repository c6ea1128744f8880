namespace AddonGrains.Upstream.Ocm;

/// <summary>
/// Paging, timeouts and retries of every OCM client. The defaults keep a whole call (all attempts) well below
/// the Orleans 30 s call timeout; tests shrink them to make retries fast.
/// </summary>
public sealed class OcmClientOptions
{
    /// <summary>The <c>size</c> asked for on each list page (1–1000, default 100).</summary>
    public int PageSize { get; set; } = 100;

    /// <summary>Timeout of one HTTP attempt (default 5 s).</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Timeout of one page from its budget slot on: every attempt, retry and back-off, and the body read to its end (default 20 s).</summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Retries after the first attempt (0–10, default 3).</summary>
    public int RetryCount { get; set; } = 3;

    /// <summary>First back-off delay; it doubles on each retry, with jitter (default 1 s). A <c>Retry-After</c> header wins.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>A token is replaced when less than this is left before its <c>exp</c> (at least 1 minute, the default).</summary>
    public TimeSpan TokenRefreshMargin { get; set; } = TimeSpan.FromMinutes(1);

    internal IEnumerable<string> Validate()
    {
        if (PageSize is < 1 or > 1000)
        {
            yield return $"{nameof(PageSize)} must be between 1 and 1000 (was {PageSize}).";
        }
        if (AttemptTimeout < TimeSpan.FromMilliseconds(10) || TotalTimeout < AttemptTimeout)
        {
            yield return $"{nameof(AttemptTimeout)} must be at least 10 ms and not longer than {nameof(TotalTimeout)} (were {AttemptTimeout} and {TotalTimeout}).";
        }
        if (RetryCount is < 0 or > 10)
        {
            yield return $"{nameof(RetryCount)} must be between 0 and 10 (was {RetryCount}).";
        }
        if (RetryBaseDelay < TimeSpan.Zero || RetryBaseDelay > TimeSpan.FromMinutes(1))
        {
            yield return $"{nameof(RetryBaseDelay)} must be between 0 and 1 minute (was {RetryBaseDelay}).";
        }
        if (TokenRefreshMargin < TimeSpan.FromMinutes(1))
        {
            yield return $"{nameof(TokenRefreshMargin)} must be at least 1 minute (was {TokenRefreshMargin}).";
        }
    }
}
