using System.Text.Json;

namespace AddonGrains.Upstream.Jenkins;

/// <summary>Maps Jenkins JSON to the public models.</summary>
internal static class JenkinsMapping
{
    public static JenkinsJob ToJob(string jobPath, JenkinsDto.Job dto) => new(
        jobPath,
        dto.Buildable ?? true,
        (dto.Property ?? [])
            .SelectMany(p => p?.ParameterDefinitions ?? [])
            .Select(d => d?.Name)
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)
            .ToArray());

    public static JenkinsQueueItem ToQueueItem(JenkinsDto.QueueItem dto)
    {
        var left = dto.Class?.EndsWith("$LeftItem", StringComparison.Ordinal) == true;

        // A LeftItem that is neither cancelled nor has an executable yet is between the queue and its build.
        var state = !left ? JenkinsQueueItemState.Queued
            : dto.Cancelled == true ? JenkinsQueueItemState.Cancelled
            : dto.Executable is not null ? JenkinsQueueItemState.Started
            : JenkinsQueueItemState.Queued;
        return new(
            dto.Id,
            state,
            state == JenkinsQueueItemState.Started ? dto.Executable?.Number : null,
            ToUri(dto.Executable?.Url),
            dto.Why,
            ToParameters(dto.Actions));
    }

    public static JenkinsBuild ToBuild(JenkinsDto.Build dto) => new(
        dto.Number,
        ToUri(dto.Url),
        dto.Building == true || dto.InProgress == true,
        dto.Result,
        dto.QueueId,
        ToParameters(dto.Actions));

    public static IReadOnlyDictionary<string, string> ToParameters(List<JenkinsDto.ActionEntry?>? actions)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var parameter in (actions ?? []).SelectMany(a => a?.Parameters ?? []))
        {
            if (parameter?.Name is { } name)
            {
                result[name] = ValueText(parameter.Value);
            }
        }

        return result;
    }

    private static string ValueText(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString() ?? "",
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.Undefined or JsonValueKind.Null => "",
        _ => value.GetRawText(),
    };

    private static Uri? ToUri(string? url) =>
        url is not null && Uri.TryCreate(url, UriKind.RelativeOrAbsolute, out var uri) ? uri : null;
}
