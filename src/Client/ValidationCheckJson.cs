namespace AddonGrains.Client;

/// <summary>One check of <see cref="ValidationJson"/>. <see cref="Payload"/> is null unless the check is about a job that answered.</summary>
internal sealed record ValidationCheckJson(
    string Subject,
    bool Passed,
    string Detail,
    ImmutableArray<string> DeclaredParameters,
    string? Endpoint,
    IReadOnlyDictionary<string, string>? Payload)
{
    public static ValidationCheckJson From(ValidationCheck c) => new(
        c.Subject, c.Passed, c.Detail, c.DeclaredParameters.IsDefault ? [] : c.DeclaredParameters, c.Endpoint,
        c.Endpoint is null ? null : new SortedDictionary<string, string>(
            (c.Payload.IsDefault ? [] : c.Payload).ToDictionary(p => p.Name, p => p.Value, StringComparer.Ordinal), StringComparer.Ordinal));
}
