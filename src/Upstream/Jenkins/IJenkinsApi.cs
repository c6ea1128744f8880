using Refit;

namespace AddonGrains.Upstream.Jenkins;

/// <summary>
/// The Refit surface of Jenkins. <c>job</c> is the raw, unencoded <c>job/a/job/b</c> path from
/// <see cref="JenkinsJobPath.ToRoutePath"/>; Refit escapes each segment of a <c>{**…}</c> parameter exactly once.
/// Responses are returned unthrown so that the client can classify every status itself.
/// </summary>
internal interface IJenkinsApi
{
    [Get("/{**job}/api/json")]
    Task<IApiResponse<JenkinsDto.Job>> GetJobAsync(string job, [AliasAs("tree")] string tree, CancellationToken cancellationToken);

    [Post("/{**job}/build")]
    Task<HttpResponseMessage> BuildAsync(string job, CancellationToken cancellationToken);

    [Post("/{**job}/buildWithParameters")]
    Task<HttpResponseMessage> BuildWithParametersAsync(
        string job,
        [Body(BodySerializationMethod.UrlEncoded)] IDictionary<string, string> parameters,
        CancellationToken cancellationToken);

    [Get("/queue/item/{id}/api/json")]
    Task<IApiResponse<JenkinsDto.QueueItem>> GetQueueItemAsync(long id, CancellationToken cancellationToken);

    [Get("/queue/api/json")]
    Task<IApiResponse<JenkinsDto.Queue>> GetQueueAsync([AliasAs("tree")] string tree, CancellationToken cancellationToken);

    [Get("/{**job}/{number}/api/json")]
    Task<IApiResponse<JenkinsDto.Build>> GetBuildAsync(string job, int number, CancellationToken cancellationToken);
}
