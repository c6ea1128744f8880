using System.Text.Json;
using System.Text.Json.Serialization;

namespace AddonGrains.Upstream.Jenkins;

/// <summary>The JSON shapes read from Jenkins (only the fields the client needs). Never leave this assembly.</summary>
internal static class JenkinsDto
{
    internal sealed record Job(bool? Buildable, List<Property?>? Property, List<Build?>? Builds);

    internal sealed record Property(
        [property: JsonPropertyName("_class")] string? Class,
        List<ParameterDefinition?>? ParameterDefinitions);

    internal sealed record ParameterDefinition(string? Name);

    internal sealed record ActionEntry(List<ParameterValue?>? Parameters);

    internal sealed record ParameterValue(string? Name, JsonElement Value);

    internal sealed record Executable(int Number, string? Url);

    internal sealed record TaskRef(string? Name, string? Url);

    internal sealed record QueueItem(
        [property: JsonPropertyName("_class")] string? Class,
        long Id,
        bool? Cancelled,
        Executable? Executable,
        string? Why,
        TaskRef? Task,
        List<ActionEntry?>? Actions);

    internal sealed record Queue(List<QueueItem?>? Items);

    internal sealed record Build(
        int Number,
        string? Url,
        bool? Building,
        bool? InProgress,
        string? Result,
        long? QueueId,
        List<ActionEntry?>? Actions);

    internal sealed record CrumbIssuer(string? Crumb, string? CrumbRequestField);
}
