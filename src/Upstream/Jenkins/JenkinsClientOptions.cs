namespace AddonGrains.Upstream.Jenkins;

/// <summary>
/// Timeouts and retries of the Jenkins HTTP clients. GETs are retried on transient failures; POSTs that queue a
/// build are retried only on 429/503 (Jenkins did not process them). Keep <see cref="TotalTimeout"/> well below
/// the Orleans response timeout (30 s).
/// </summary>
public sealed class JenkinsClientOptions
{
    /// <summary>Timeout of a single HTTP attempt. Default 5 s.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Timeout of a call including all its retries. Default 15 s.</summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How often a retryable call is retried (0 disables retries). Default 2.</summary>
    public int MaxRetryAttempts { get; set; } = 2;

    /// <summary>Base delay of the exponential backoff between retries. Default 200 ms.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>How many recent builds <see cref="IJenkinsClient.FindTriggerAsync"/> searches. Default 50.</summary>
    public int RecentBuildsToSearch { get; set; } = 50;
}
