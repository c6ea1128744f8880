using System.Globalization;
using Spectre.Console.Rendering;

namespace AddonGrains.Client;

/// <summary>The <c>history</c> table: triggers, newest first.</summary>
internal static class HistoryView
{
    public static IRenderable Table(IEnumerable<TriggerSnapshot> triggers)
    {
        var table = Render.NewTable("Created", "Trigger", "Version", "Direction", "Job", "Status", "Attempts", "Build", "Result / error");
        foreach (var t in triggers)
        {
            var version = t.PreviousVersion is null ? t.Version : $"{t.PreviousVersion} → {t.Version}";
            var build = t.BuildNumber is { } number ? $"#{number.ToString(CultureInfo.InvariantCulture)}"
                : t.QueueId is { } queue ? $"queued {queue.ToString(CultureInfo.InvariantCulture)}" : "-";
            table.AddRow(Render.Plain(Iso.Short(t.CreatedAt)), Render.Plain(t.TriggerId), Render.Plain(version),
                Render.Plain(TriggerJson.DirectionName(t.Direction)), Render.Plain($"{t.Instance}/{t.Job}"), Render.Status(t.Status),
                Render.Plain(t.Attempts.ToString(CultureInfo.InvariantCulture)), Render.Plain(build), Render.Plain(t.LastError ?? t.Result));
        }

        return table;
    }
}
