using Spectre.Console.Rendering;

namespace AddonGrains.Client;

/// <summary>The <c>validate</c> table: one row per check.</summary>
internal static class ValidationView
{
    public static IRenderable Table(ValidationReport report)
    {
        var table = Render.NewTable("Check", "Result", "Detail");
        foreach (var c in report.Checks)
        {
            table.AddRow(Render.Plain(c.Subject), Render.Passed(c.Passed), Render.Plain(c.Detail));
        }

        return table;
    }
}
