using System.Diagnostics;
using AddonGrains.Grains.Hosting;

namespace AddonGrains.Grains.Rollouts;

/// <summary>
/// The audit trail of operator actions (retrigger, baseline, pause, resume): who (decided here, from what the silo can vouch for), what and why. Each
/// action is kept in the rollout's state (the newest <c>history.keep</c>, like trigger records, so the state stays
/// small: 50 actions with the longest reasons and names the silo accepts are under 50 KB), logged and traced by the grain.
/// </summary>
internal static class OperatorAudit
{
    public const int MaxReasonLength = 500;
    private const int MaxNameLength = 200;

    /// <summary>Why the request cannot be recorded, or null.</summary>
    public static string? Refusal(OperatorRequest? request) => request switch
    {
        null => "a reason is required (--reason TEXT)",
        { Reason: var r } when string.IsNullOrWhiteSpace(r) => "a reason is required (--reason TEXT)",
        { Reason.Length: > MaxReasonLength } => $"the reason must be at most {MaxReasonLength} characters",
        _ => null,
    };

    /// <summary>
    /// The certificate subject when every connection to this silo is mutual TLS (the CLI could only connect with a
    /// certificate from the CA); else the OS user and host the CLI reported, which nothing verifies.
    /// </summary>
    public static (string Actor, bool Authenticated) ActorOf(OperatorRequest request, TransportSecurity transport) =>
        transport.MutualTls && !string.IsNullOrWhiteSpace(request.CertificateSubject)
            ? (Clean(request.CertificateSubject), true)
            : ($"{Clean(request.OsUser)}@{Clean(request.Host)} (unauthenticated)", false);

    public static ManualActionEntry Record(RolloutState state, string action, string? triggerId, string version, string? previousVersion,
        OperatorRequest request, TransportSecurity transport, DateTimeOffset now, int keep)
    {
        var (actor, authenticated) = ActorOf(request, transport);
        return Append(state, new ManualActionEntry(action, triggerId, version, previousVersion, actor, authenticated, Clean(request.Reason, MaxReasonLength), now), keep);
    }

    /// <summary>Keeps <paramref name="entry"/> in the trail (the newest <paramref name="keep"/> stay), e.g. a pause that ended by itself.</summary>
    public static ManualActionEntry Append(RolloutState state, ManualActionEntry entry, int keep)
    {
        state.ManualActions.Add(entry);
        if (state.ManualActions.Count > keep)
        {
            state.ManualActions.RemoveRange(0, state.ManualActions.Count - keep);
        }

        return entry;
    }

    /// <summary>The span of one operator action, with who and why as attributes.</summary>
    public static Activity? StartSpan(string action, string rolloutKey, OperatorRequest request, TransportSecurity transport)
    {
        var activity = Telemetry.Source.StartActivity($"manual.{action}");
        if (activity is not null)
        {
            var (organization, addon) = RolloutKey.Parse(rolloutKey);
            var (actor, authenticated) = ActorOf(request, transport);
            activity.SetTag(Telemetry.Tags.Organization, organization).SetTag(Telemetry.Tags.Addon, addon)
                .SetTag(Telemetry.Tags.Actor, actor).SetTag(Telemetry.Tags.ActorAuthenticated, authenticated)
                .SetTag(Telemetry.Tags.Reason, Clean(request.Reason, MaxReasonLength));
        }

        return activity;
    }

    // Operator text goes into logs and tables: no control characters (no forged log lines), bounded length.
    private static string Clean(string? text, int max = MaxNameLength)
    {
        var clean = new string([.. (text ?? "").Where(c => !char.IsControl(c))]).Trim();
        return clean.Length == 0 ? "unknown" : clean.Length <= max ? clean : clean[..max];
    }
}
