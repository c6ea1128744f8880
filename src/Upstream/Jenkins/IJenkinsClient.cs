namespace AddonGrains.Upstream.Jenkins;

/// <summary>
/// The Jenkins remote access API, as the trigger pipeline uses it. Job paths are configured names such as
/// <c>folder/sub/job</c>; the client maps them to <c>/job/folder/job/sub/job/job</c>, each segment percent-encoded.
/// Failures throw <see cref="JenkinsException"/> with a <see cref="JenkinsFailureKind"/>.
/// </summary>
public interface IJenkinsClient
{
    /// <summary>The job's buildable flag and declared parameter names.</summary>
    Task<JenkinsJob> GetJobAsync(string jobPath, CancellationToken cancellationToken = default);

    /// <summary>
    /// Queues a build: <c>buildWithParameters</c> when <paramref name="parameters"/> is not null, else <c>build</c>.
    /// 201 and 303 are success; returns the queue id from the Location header. Not retried on timeouts (the caller
    /// resolves an unconfirmed dispatch with <see cref="FindTriggerAsync"/>).
    /// </summary>
    Task<long> TriggerAsync(string jobPath, IReadOnlyDictionary<string, string>? parameters, CancellationToken cancellationToken = default);

    /// <summary>The queue item, or null when Jenkins no longer knows it (404: it left the queue over 5 minutes ago).</summary>
    Task<JenkinsQueueItem?> GetQueueItemAsync(long queueId, CancellationToken cancellationToken = default);

    /// <summary>The build, or null on 404.</summary>
    Task<JenkinsBuild?> GetBuildAsync(string jobPath, int buildNumber, CancellationToken cancellationToken = default);

    /// <summary>
    /// Looks for a queue item or a recent build of the job whose <c>TRIGGER_ID</c> parameter equals
    /// <paramref name="triggerId"/>, or (when <paramref name="queueId"/> is given) whose queueId matches. Null when none.
    /// </summary>
    Task<JenkinsTriggerMatch?> FindTriggerAsync(string jobPath, string triggerId, long? queueId, CancellationToken cancellationToken = default);
}
