namespace AddonGrains.Upstream.Jenkins;

/// <summary>A job as seen through <c>api/json?tree=…</c>. A job is parameterized when it declares any parameter.</summary>
public sealed record JenkinsJob(string Path, bool Buildable, IReadOnlyList<string> ParameterNames)
{
    public bool IsParameterized => ParameterNames.Count > 0;
}

/// <summary>Where a queue item is.</summary>
public enum JenkinsQueueItemState
{
    /// <summary>Waiting, blocked or buildable: not started yet.</summary>
    Queued,
    /// <summary>Left the queue and its build started (<see cref="JenkinsQueueItem.BuildNumber"/> set).</summary>
    Started,
    /// <summary>Left the queue without a build.</summary>
    Cancelled,
}

/// <summary>A queue item (<c>/queue/item/N/api/json</c>).</summary>
public sealed record JenkinsQueueItem(
    long Id,
    JenkinsQueueItemState State,
    int? BuildNumber,
    Uri? BuildUrl,
    string? Why,
    IReadOnlyDictionary<string, string> Parameters);

/// <summary>A build. Finished is decided from <see cref="InProgress"/> (building/inProgress), never from <see cref="Result"/>.</summary>
public sealed record JenkinsBuild(
    int Number,
    Uri? Url,
    bool InProgress,
    string? Result,
    long? QueueId,
    IReadOnlyDictionary<string, string> Parameters);

/// <summary>What a search for a trigger id found: a queued item, or a build (one of the two is set).</summary>
public sealed record JenkinsTriggerMatch(JenkinsQueueItem? QueueItem, JenkinsBuild? Build);
