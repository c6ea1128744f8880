using Spectre.Console.Rendering;

namespace AddonGrains.Client;

/// <summary>The <c>status</c> and <c>check</c> table: one row per organization × add-on.</summary>
internal static class StatusView
{
    public static IRenderable Table(IEnumerable<RolloutStatus> rows)
    {
        var table = Render.NewTable("Organization", "Add-on", "Phase", "Version", "Progress", "Stragglers / error", "Last check");
        foreach (var s in rows)
        {
            table.AddRow(Render.Plain(s.Organization), Render.Plain(s.Addon), Render.Phase(s.Phase), Render.Plain(Version(s)),
                Render.Plain(Progress(s)), Render.Plain(Notes(s)), Render.Plain(Iso.Short(s.LastCheckAt)));
        }

        return table;
    }

    private static string Version(RolloutStatus s) =>
        s.TargetVersion is { } target && !string.Equals(target, s.LastKnownVersion, StringComparison.Ordinal)
            ? $"{s.LastKnownVersion ?? "none"} → {target}"
            : s.LastKnownVersion ?? "-";

    private static string Progress(RolloutStatus s) => s.Phase switch
    {
        RolloutPhase.RollingOut or RolloutPhase.Stalled => Render.Bar(s.ClustersOnTarget, s.ClustersApplicable),
        RolloutPhase.Idle => $"{s.ClustersOnTarget}/{s.ClustersApplicable}",
        _ => "-",
    };

    /// <summary>A straggler's name, with what holds it back when more than its version does: a condition, its state, its desired version.</summary>
    private static string Straggler(ClusterRef c)
    {
        var note = c.HeldBy
            ?? (c.AddonState is { } state && state != "ready" ? state : null)
            ?? (c.DesiredVersion is { } desired && desired != c.Version ? $"desired {desired}" : null);
        return note is null ? c.Name : $"{c.Name} ({note})";
    }

    private static string Notes(RolloutStatus s)
    {
        var notes = new List<string>();
        if (s.Pause is { } pause)
        {
            notes.Add($"paused by {pause.Actor} until {(pause.Until is { } until ? Iso.Short(until) : "resume")}: {pause.Reason}; {s.HeldTriggers} held");
        }

        if (s.LastError is { Length: > 0 } error)
        {
            return string.Join("; ", notes.Append(error));
        }

        if (!s.Stragglers.IsDefaultOrEmpty)
        {
            notes.Add(Render.Truncate(s.Stragglers.Select(Straggler)));
        }

        if (s.ClustersExcluded > 0)
        {
            notes.Add($"{s.ClustersExcluded} excluded");
        }

        return string.Join("; ", notes);
    }
}
