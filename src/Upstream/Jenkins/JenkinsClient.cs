using System.Net;
using Microsoft.Extensions.Logging;
using Polly.Timeout;
using Refit;

namespace AddonGrains.Upstream.Jenkins;

/// <summary>
/// <see cref="IJenkinsClient"/> over Refit. <paramref name="api"/> yields a Refit client on a named HttpClient (no
/// auto-redirect; credentials added by <see cref="JenkinsAuthHandler"/>; retries by the resilience handler).
/// </summary>
internal sealed partial class JenkinsClient(
    Func<IJenkinsApi> api, JenkinsConnection connection, JenkinsClientOptions options, ILogger<JenkinsClient> logger) : IJenkinsClient
{
    private const string JobTree = "buildable,property[parameterDefinitions[name]]";
    private const string QueueTree = "items[_class,id,why,cancelled,task[name,url],actions[parameters[name,value]],executable[number,url]]";
    private const string TriggerParameter = "TRIGGER_ID";

    public async Task<JenkinsJob> GetJobAsync(string jobPath, CancellationToken cancellationToken = default)
    {
        var route = JenkinsJobPath.ToRoutePath(jobPath);
        using var response = await CallAsync("get job", jobPath, ct => api().GetJobAsync(route, JobTree, ct), cancellationToken);
        return JenkinsMapping.ToJob(jobPath, await ContentAsync(response, "get job", jobPath, notFoundIsNull: false)
            ?? throw new InvalidOperationException("unreachable"));
    }

    public async Task<long> TriggerAsync(string jobPath, IReadOnlyDictionary<string, string>? parameters, CancellationToken cancellationToken = default)
    {
        var route = JenkinsJobPath.ToRoutePath(jobPath);
        var operation = parameters is null ? "build" : "buildWithParameters";
        using var response = await CallAsync(operation, jobPath, ct => parameters is null
            ? api().BuildAsync(route, ct)
            : api().BuildWithParametersAsync(route, new Dictionary<string, string>(parameters), ct), cancellationToken);

        var status = (int)response.StatusCode;
        if (status is 201 or 303)
        {
            if (TryQueueId(response, out var queueId))
            {
                LogTriggered(logger, connection.Name, jobPath, queueId, status);
                return queueId;
            }

            throw new JenkinsException($"Jenkins {operation} of job '{jobPath}' answered {status} without a queue item Location", JenkinsFailureKind.Permanent, status);
        }

        if (status is >= 300 and < 400)
        {
            throw new JenkinsException(
                $"Jenkins {operation} of job '{jobPath}': scheduling vetoed or merged without a queue id ({status} to the job page)",
                JenkinsFailureKind.Permanent, status);
        }

        var body = await SafeBodyAsync(response.Content, cancellationToken);
        throw Fail(JenkinsErrors.FromStatus(response.StatusCode, response.Headers, body, operation, connection.User, jobPath, parameters is not null));
    }

    public async Task<JenkinsQueueItem?> GetQueueItemAsync(long queueId, CancellationToken cancellationToken = default)
    {
        using var response = await CallAsync("get queue item", null, ct => api().GetQueueItemAsync(queueId, ct), cancellationToken);
        var dto = await ContentAsync(response, $"get queue item {queueId}", null, notFoundIsNull: true);
        return dto is null ? null : JenkinsMapping.ToQueueItem(dto);
    }

    public async Task<JenkinsBuild?> GetBuildAsync(string jobPath, int buildNumber, CancellationToken cancellationToken = default)
    {
        var route = JenkinsJobPath.ToRoutePath(jobPath);
        using var response = await CallAsync("get build", jobPath, ct => api().GetBuildAsync(route, buildNumber, ct), cancellationToken);
        var dto = await ContentAsync(response, $"get build {buildNumber}", jobPath, notFoundIsNull: true);
        return dto is null ? null : JenkinsMapping.ToBuild(dto);
    }

    public async Task<JenkinsTriggerMatch?> FindTriggerAsync(string jobPath, string triggerId, long? queueId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(triggerId);
        using (var queueResponse = await CallAsync("get queue", null, ct => api().GetQueueAsync(QueueTree, ct), cancellationToken))
        {
            var queue = await ContentAsync(queueResponse, "get queue", null, notFoundIsNull: false);
            foreach (var item in queue?.Items ?? [])
            {
                if (item is null || !JenkinsJobPath.IsUrlOfJob(item.Task?.Url, jobPath))
                {
                    continue;
                }

                var mapped = JenkinsMapping.ToQueueItem(item);
                if (item.Id == queueId || Matches(mapped.Parameters, triggerId))
                {
                    LogTriggerFound(logger, connection.Name, jobPath, "queue item", item.Id);
                    return new JenkinsTriggerMatch(mapped, null);
                }
            }
        }

        var route = JenkinsJobPath.ToRoutePath(jobPath);
        var tree = $"builds[number,url,queueId,building,inProgress,result,actions[parameters[name,value]]]{{0,{options.RecentBuildsToSearch}}}";
        using var jobResponse = await CallAsync("get builds", jobPath, ct => api().GetJobAsync(route, tree, ct), cancellationToken);
        var job = await ContentAsync(jobResponse, "get builds", jobPath, notFoundIsNull: false);
        foreach (var dto in job?.Builds ?? [])
        {
            if (dto is null)
            {
                continue;
            }

            var build = JenkinsMapping.ToBuild(dto);
            if ((queueId is not null && build.QueueId == queueId) || Matches(build.Parameters, triggerId))
            {
                LogTriggerFound(logger, connection.Name, jobPath, "build", build.Number);
                return new JenkinsTriggerMatch(null, build);
            }
        }

        return null;
    }

    private static bool Matches(IReadOnlyDictionary<string, string> parameters, string triggerId) =>
        parameters.TryGetValue(TriggerParameter, out var value) && string.Equals(value, triggerId, StringComparison.Ordinal);

    private static bool TryQueueId(HttpResponseMessage response, out long queueId)
    {
        queueId = 0;
        var location = response.Headers.Location;
        if (location is null)
        {
            return false;
        }

        // Absolute ".../queue/item/N/": the id is the last non-empty path segment.
        var path = location.IsAbsoluteUri ? location.AbsolutePath : location.OriginalString.Split('?')[0];
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return segments.Length >= 3 && segments[^3] == "queue" && segments[^2] == "item" && long.TryParse(segments[^1], out queueId);
    }

    /// <summary>
    /// One call, bounded as a whole by <see cref="JenkinsClientOptions.TotalTimeout"/>: the pipeline's timeouts end
    /// when the headers arrive, and Refit reads the body after that; a body that stalls must not hold the caller.
    /// </summary>
    private async Task<T> CallAsync<T>(string operation, string? jobPath, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(options.TotalTimeout);
        try
        {
            // WaitAsync as well: Refit reads an error page for its exception without any token.
            return await call(deadline.Token).WaitAsync(deadline.Token);
        }
        catch (Exception ex) when (Unwrap(ex) is JenkinsException inner)
        {
            throw Fail(inner);
        }
        catch (Exception ex) when (Unwrap(ex) is OperationCanceledException canceled && cancellationToken.IsCancellationRequested)
        {
            throw canceled;
        }
        catch (Exception ex) when (Unwrap(ex) is HttpRequestException or TimeoutRejectedException or OperationCanceledException)
        {
            throw Fail(JenkinsErrors.FromTransport(Unwrap(ex), operation, jobPath));
        }
    }

    /// <summary>Refit wraps transport failures (and exceptions thrown by handlers) in ApiRequestException.</summary>
    private static Exception Unwrap(Exception exception)
    {
        var current = exception;
        while (current is ApiRequestException or AggregateException && current.InnerException is not null)
        {
            current = current.InnerException;
        }

        return current;
    }

    private async Task<T?> ContentAsync<T>(IApiResponse<T> response, string operation, string? jobPath, bool notFoundIsNull)
        where T : class
    {
        if (response.IsSuccessStatusCode && response.Error is null && response.Content is not null)
        {
            return response.Content;
        }

        if (response.StatusCode == HttpStatusCode.NotFound && notFoundIsNull)
        {
            return null;
        }

        if (response.IsSuccessStatusCode)
        {
            throw Fail(new JenkinsException($"Jenkins {operation} returned an unreadable body", JenkinsFailureKind.Transient, (int?)response.StatusCode, response.Error));
        }

        var body = response.Error is ApiException api ? api.Content : null;
        throw Fail(JenkinsErrors.FromStatus(response.StatusCode ?? HttpStatusCode.InternalServerError, response.Headers, body, operation, connection.User, jobPath));
    }

    private async Task<string?> SafeBodyAsync(HttpContent? content, CancellationToken cancellationToken)
    {
        if (content is null)
        {
            return null;
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(options.TotalTimeout);
        try
        {
            return await content.ReadAsStringAsync(deadline.Token);
        }
        catch (HttpRequestException)
        {
            return null;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return null; // an error page that stalls: the status alone classifies the failure
        }
    }

    private JenkinsException Fail(JenkinsException exception)
    {
        LogCallFailed(logger, connection.Name, exception.Kind, exception.StatusCode, exception.Message);
        return exception;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Jenkins {Instance}: queued job {JobPath} as queue item {QueueId} ({Status})")]
    private static partial void LogTriggered(ILogger logger, string instance, string jobPath, long queueId, int status);

    [LoggerMessage(Level = LogLevel.Information, Message = "Jenkins {Instance}: found trigger of job {JobPath} as {What} {Id}")]
    private static partial void LogTriggerFound(ILogger logger, string instance, string jobPath, string what, long id);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Jenkins {Instance}: call failed ({Kind}, status {Status}): {Reason}")]
    private static partial void LogCallFailed(ILogger logger, string instance, JenkinsFailureKind kind, int? status, string reason);
}
