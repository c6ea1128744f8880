using System.Globalization;

namespace AddonGrains.Grains.Rollouts;

/// <summary>
/// The rules of the operator's actions on one organization × add-on (CLI <c>retrigger</c>, <c>baseline</c>, <c>pause</c>,
/// <c>resume</c>; docs/cli.md), pure: what each refuses, how it changes the <see cref="RolloutState"/> (the grain records
/// who and why with <see cref="OperatorAudit"/> and writes it) and what it answers. While paused, checks go on and
/// record what they see, but new triggers stay unsubmitted in the durable state ("held"); resume, or the first check
/// after the pause's end, hands them over once (docs/decisions.md, "Verdicts and pausing").
/// </summary>
internal static class OperatorActions
{
    /// <summary>The one subscribed job a retrigger names (on <paramref name="instance"/> when given), or why there is none.</summary>
    public static (AddonUpgradeTest? Test, string? Refusal) Job(OrganizationSettings organization, string addon, string job, string? instance)
    {
        var matches = organization.TestsFor(addon).Where(t => t.Name == job && (instance is null || t.Instance == instance)).ToImmutableArray();
        if (matches.Length == 1)
        {
            return (matches[0], null);
        }

        var known = string.Join(", ", organization.TestsFor(addon).Select(t => $"{t.Name} (instance {t.Instance})"));
        return (null, matches.IsEmpty
            ? $"no subscribed job '{job}'{(instance is null ? "" : $" on instance '{instance}'")}; subscribed: {known}"
            : $"job '{job}' is subscribed on several instances; pass --instance (subscribed: {known})");
    }

    /// <summary>Why <paramref name="version"/> cannot be a baseline, or null.</summary>
    public static string? BaselineRefusal(string? version) =>
        string.IsNullOrWhiteSpace(version) || version.Length > 128 || version.Any(char.IsControl)
            ? "the version must be 1 to 128 printable characters"
            : null;

    /// <summary>The end of a pause from <c>--until</c>: a time, or a duration from <paramref name="now"/>; null: until resume.</summary>
    public static (DateTimeOffset? End, string? Error) PauseEnd(string? until, DateTimeOffset now)
    {
        if (until is null)
        {
            return (null, null);
        }

        if (Durations.TryParse(until, out var duration))
        {
            return duration > TimeSpan.Zero ? (now + duration, null) : (null, $"--until {until}: a duration must be longer than 0");
        }

        if (!DateTimeOffset.TryParse(until.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var end))
        {
            return (null, $"--until '{until}' is neither a time (e.g. 2026-12-24T18:00:00Z) nor a duration (30m, 2h, 1d, hh:mm:ss)");
        }

        return end > now ? (end, null) : (null, $"--until {Format(end)} is in the past (the silo's clock says {Format(now)})");
    }

    /// <summary>Pauses until <paramref name="end"/> as <paramref name="entry"/> asked, or updates the pause (keeping its start); the answer.</summary>
    public static string Pause(RolloutState s, ManualActionEntry entry, DateTimeOffset? end, DateTimeOffset now)
    {
        var again = s.Pause is not null;
        s.Pause = new PauseInfo(entry.Actor, entry.Authenticated, entry.Reason, s.Pause?.Since ?? now, end);
        var untilText = end is { } e ? $"until {Format(e)}" : "until 'resume'";
        return $"{(again ? "pause updated" : "paused")} {untilText}: checks go on, new triggers are held and delivered at the end";
    }

    /// <summary>At a check: a pause whose end has come is over, recorded in the trail; its end, or null when nothing changed.</summary>
    public static DateTimeOffset? EndDuePause(RolloutState s, DateTimeOffset now, int keep)
    {
        if (s.Pause is not { Until: { } until } pause || now < until)
        {
            return null;
        }

        s.Pause = null;
        OperatorAudit.Append(s, new ManualActionEntry(ManualActionEntry.Resume, null, s.LastKnownVersion ?? "", null,
            "addongrains", true, $"the pause by {pause.Actor} ended at {Format(until)}", now), keep);
        return until;
    }

    /// <summary>The triggers a pause holds: those not handed over (all of them are handed over at resume).</summary>
    public static int Held(RolloutState s) => s.Triggers.Count(t => !t.Submitted);

    private static string Format(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
