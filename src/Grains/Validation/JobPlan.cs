using AddonGrains.Grains.Triggers;
using AddonGrains.Upstream.Jenkins;

namespace AddonGrains.Grains.Validation;

/// <summary>What a trigger would send to one job, worked out with <see cref="TriggerParameters.For"/> as the pipeline does.</summary>
internal sealed record JobPlan(
    ImmutableArray<string> DeclaredOwn,
    ImmutableArray<string> UndeclaredStatic,
    ImmutableArray<JobParameter> Payload,
    string Endpoint)
{
    public const string TriggerIdPlaceholder = "<trigger-id>";
    public const string VersionPlaceholder = "<version>";
    public const string PreviousVersionPlaceholder = "<previous-version>";

    public static JobPlan For(TriggerRequest sample, JenkinsJob job)
    {
        var declared = job.ParameterNames.ToHashSet(StringComparer.Ordinal);
        var parameters = TriggerParameters.For(sample, [.. declared]);
        var payload = parameters is null
            ? ImmutableArray<JobParameter>.Empty
            : [.. parameters.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => new JobParameter(p.Key, p.Value))];
        return new JobPlan(
            [.. TriggerParameters.Names.Where(declared.Contains)],
            [.. sample.StaticParameters.Select(p => p.Name).Where(n => !declared.Contains(n))],
            payload,
            parameters is null ? "build" : "buildWithParameters");
    }

    public string Describe(JenkinsJob job)
    {
        var parts = new List<string> { job.Buildable ? "exists and is buildable" : "exists but is not buildable (disabled?): triggers would fail" };
        if (Endpoint == "build")
        {
            parts.Add("declares no parameters: a trigger POSTs /build without parameters, at-least-once (no TRIGGER_ID)");
            return string.Join("; ", parts);
        }

        parts.Add(DeclaredOwn.IsEmpty ? "declares none of our parameters" : $"declares {string.Join(", ", DeclaredOwn)}");
        if (!DeclaredOwn.Contains("TRIGGER_ID"))
        {
            parts.Add("no TRIGGER_ID: delivery is at-least-once");
        }

        if (!UndeclaredStatic.IsEmpty)
        {
            parts.Add($"static parameters not declared by the job, not sent: {string.Join(", ", UndeclaredStatic)}");
        }

        parts.Add($"a trigger POSTs /buildWithParameters with {(Payload.IsEmpty ? "no parameters" : string.Join(" ", Payload.Select(p => $"{p.Name}={p.Value}")))}");
        return string.Join("; ", parts);
    }
}
