using System.Collections.Immutable;
using System.Globalization;

namespace AddonGrains.GrainInterfaces;

/// <summary>
/// The JSON of a verdict, one shape for <c>addongrains verdict -o json</c> and <c>GET /api/verdicts/…</c> (camelCase
/// names; the verdict lower-case, trigger statuses as in <c>history</c>).
/// </summary>
public sealed record VerdictDocument(
    string Organization,
    string OrgId,
    string Addon,
    string? Version,
    string Verdict,
    string Reason,
    string? LastKnownVersion,
    ImmutableArray<VerdictJobDocument> Jobs)
{
    public static VerdictDocument From(VersionVerdict v) => new(v.Organization, v.OrgId, v.Addon, v.Version, v.Verdict.Name(), v.Reason,
        v.LastKnownVersion, [.. v.Jobs.Select(VerdictJobDocument.From)]);
}

/// <summary>One job's latest trigger for the version: its status, build and result.</summary>
public sealed record VerdictJobDocument(
    string Instance,
    string Job,
    string TriggerId,
    string Direction,
    string Status,
    int? BuildNumber,
    string? BuildUrl,
    string? Result,
    string? LastError,
    string CreatedAt,
    string UpdatedAt)
{
    public static VerdictJobDocument From(TriggerSnapshot t) => t is { Request: var r, Delivery: var d }
        ? new(r.Instance, r.Job, r.TriggerId, r.Event.Direction.ToString().ToLowerInvariant(),
            d.Status.ToString(), d.BuildNumber, d.BuildUrl, d.Result, d.LastError, Iso(r.Event.At), Iso(d.UpdatedAt))
        : throw new ArgumentNullException(nameof(t));

    private static string Iso(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);
}
