namespace AddonGrains.Client;

/// <summary><c>validate -o json</c>: whether everything passed, and each check.</summary>
internal sealed record ValidationJson(bool Passed, string? CheckedAt, ImmutableArray<ValidationCheckJson> Checks)
{
    public static ValidationJson From(ValidationReport report) =>
        new(report.Passed, Iso.Format(report.CheckedAt), [.. report.Checks.Select(ValidationCheckJson.From)]);
}
