using Spectre.Console.Rendering;

namespace AddonGrains.Client;

/// <summary>The <c>clusters</c> table: what the last check observed per cluster.</summary>
internal static class ClustersView
{
    public static IRenderable Table(IEnumerable<ClusterStatus> clusters)
    {
        var table = Render.NewTable("Cluster", "Name", "Cluster state", "Add-on state", "Version", "Desired", "Held by", "In scope", "Observed");
        foreach (var c in clusters)
        {
            table.AddRow(Render.Plain(c.ClusterId), Render.Plain(c.Name), Render.Plain(c.ClusterState), Render.Plain(c.AddonState),
                Render.Plain(c.Version), Render.Plain(c.DesiredVersion), Render.Plain(c.HeldBy),
                c.InScope ? new Markup("yes") : new Markup("[grey]no[/]"), Render.Plain(Iso.Short(c.ObservedAt)));
        }

        return table;
    }
}
