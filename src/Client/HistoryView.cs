using System.Globalization;
using Spectre.Console.Rendering;

namespace AddonGrains.Client;

/// <summary>The <c>history</c> table: triggers and operators' baselines, newest first; manual rows say who and why.</summary>
internal static class HistoryView
{
    public static IRenderable Table(IEnumerable<HistoryRow> rows)
    {
        var table = Render.NewTable("Created", "Trigger", "Version", "Direction", "Job", "Status", "Attempts", "Build", "Result / error", "By (reason)");
        table.Columns[1].NoWrap = true; // the trigger id is what --before takes: never broken across lines
        foreach (var row in rows)
        {
            var by = row.Manual is { } m ? $"{m.Actor} ({m.Reason})" : "-";
            if (row.Trigger is not { } t)
            {
                table.AddRow(Render.Plain(Iso.Short(row.CreatedAt)), Render.Plain("-"), Render.Plain(Versions(row.Manual!.PreviousVersion, row.Manual.Version)),
                    Render.Plain(row.Manual.Action), Render.Plain("-"), Render.Plain(TriggerJson.RecordedStatus), Render.Plain("-"),
                    Render.Plain("-"), Render.Plain(row.Manual.Action switch
                    {
                        ManualActionEntry.Pause => "new triggers held",
                        ManualActionEntry.Resume => "held triggers delivered",
                        _ => "nothing triggered",
                    }), Render.Plain(by));
                continue;
            }

            var build = t.Delivery.BuildNumber is { } number ? $"#{number.ToString(CultureInfo.InvariantCulture)}"
                : t.Delivery.QueueId is { } queue ? $"queued {queue.ToString(CultureInfo.InvariantCulture)}" : "-";
            table.AddRow(Render.Plain(Iso.Short(t.Request.Event.At)), Render.Plain(t.Request.TriggerId), Render.Plain(Versions(t.Request.Event.PreviousVersion, t.Request.Event.Version)),
                Render.Plain(TriggerJson.DirectionName(t.Request.Event.Direction)), Render.Plain($"{t.Request.Instance}/{t.Request.Job}"), Render.Status(t.Delivery.Status),
                Render.Plain(t.Delivery.Attempts.ToString(CultureInfo.InvariantCulture)), Render.Plain(build), Render.Plain(t.Delivery.LastError ?? t.Delivery.Result), Render.Plain(by));
        }

        return table;
    }

    private static string Versions(string? previous, string version) => previous is null ? version : $"{previous} → {version}";
}
