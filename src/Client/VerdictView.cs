using System.Globalization;
using Spectre.Console.Rendering;

namespace AddonGrains.Client;

/// <summary>The <c>verdict</c> table: each job's latest trigger for the version, its status, build and result.</summary>
internal static class VerdictView
{
    public static IRenderable Table(IEnumerable<TriggerSnapshot> jobs)
    {
        var table = Render.NewTable("Job", "Trigger", "Direction", "Status", "Build", "Result / error");
        foreach (var t in jobs)
        {
            var build = t.Delivery.BuildUrl ?? (t.Delivery.BuildNumber is { } number ? $"#{number.ToString(CultureInfo.InvariantCulture)}" : "-");
            table.AddRow(Render.Plain($"{t.Request.Instance}/{t.Request.Job}"), Render.Plain(t.Request.TriggerId), Render.Plain(TriggerJson.DirectionName(t.Request.Event.Direction)),
                Render.Status(t.Delivery.Status), Render.Plain(build), Render.Plain(t.Delivery.LastError ?? t.Delivery.Result));
        }

        return table;
    }
}
