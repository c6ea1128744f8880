using System.Collections.Concurrent;
using AddonGrains.Upstream.Jenkins;

namespace AddonGrains.Tests.Support;

/// <summary>
/// A Jenkins that only answers job lookups (what <c>validate</c> asks); unknown jobs fail with a 404 as the real client
/// reports it. Triggers go through the recording dispatcher, so the build methods are never called.
/// </summary>
public sealed class FakeJenkins : IJenkinsClientFactory, IJenkinsClient
{
    private readonly ConcurrentDictionary<string, JenkinsJob> _jobs = new(StringComparer.Ordinal);

    public IJenkinsClient Create(string instanceName) => instanceName == "ci-int"
        ? this
        : throw new KeyNotFoundException($"unknown Jenkins instance '{instanceName}'");

    public void SetJob(string path, bool buildable, params string[] parameters) => _jobs[path] = new JenkinsJob(path, buildable, parameters);

    public Task<JenkinsJob> GetJobAsync(string jobPath, CancellationToken cancellationToken = default) =>
        _jobs.TryGetValue(jobPath, out var job)
            ? Task.FromResult(job)
            : Task.FromException<JenkinsJob>(new JenkinsException(
                $"Jenkins 'ci-int': GET job/{jobPath}/api/json answered 404 Not Found: check the job name", JenkinsFailureKind.Permanent, 404));

    public Task<long> TriggerAsync(string jobPath, IReadOnlyDictionary<string, string>? parameters, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public Task<JenkinsQueueItem?> GetQueueItemAsync(long queueId, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<JenkinsBuild?> GetBuildAsync(string jobPath, int buildNumber, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public Task<JenkinsTriggerMatch?> FindTriggerAsync(string jobPath, string triggerId, long? queueId, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();
}
