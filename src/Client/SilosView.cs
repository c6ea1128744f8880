using System.Globalization;
using Spectre.Console.Rendering;

namespace AddonGrains.Client;

/// <summary>The <c>silos</c> table: the cluster's members.</summary>
internal static class SilosView
{
    public static IRenderable Table(IEnumerable<SiloMember> members)
    {
        var table = Render.NewTable("Name", "Address", "Gateway", "Status", "Started", "Activations", "Config");
        foreach (var m in members)
        {
            table.AddRow(Render.Plain(m.Name), Render.Plain(m.Address), Render.Plain(m.Gateway), Status(m.Status), Render.Plain(Iso.Short(m.StartedAt)),
                Render.Plain(m.Activations?.ToString(CultureInfo.InvariantCulture)), Render.Plain(m.ConfigHash));
        }

        return table;
    }

    private static Markup Status(string status) => new(Markup.Escape(status), new Style(status switch
    {
        "Active" => Color.Green,
        SiloMember.Dead => Color.Grey,
        _ => Color.Yellow,
    }));
}
