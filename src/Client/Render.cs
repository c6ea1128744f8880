using System.Globalization;

namespace AddonGrains.Client;

/// <summary>Shared pieces of the tables: progress bars, coloured phases and statuses, truncated lists.</summary>
internal static class Render
{
    public const int BarWidth = 10;

    /// <summary><c>████████░░ 4/5</c>: clusters on target out of applicable.</summary>
    public static string Bar(int done, int total)
    {
        var filled = total <= 0 ? 0 : Math.Clamp(done * BarWidth / total, 0, BarWidth);
        return string.Create(CultureInfo.InvariantCulture, $"{new string('█', filled)}{new string('░', BarWidth - filled)} {done}/{total}");
    }

    public static Markup Phase(RolloutPhase phase) => new(Markup.Escape(phase.ToString()), new Style(phase switch
    {
        RolloutPhase.Idle => Color.Green,
        RolloutPhase.RollingOut => Color.Blue,
        RolloutPhase.Stalled or RolloutPhase.Inconclusive => Color.Red,
        RolloutPhase.NoInstallations or RolloutPhase.Paused => Color.Yellow,
        _ => Color.Grey,
    }));

    public static Markup Status(TriggerStatus status) => new(Markup.Escape(status.ToString()), new Style(status switch
    {
        TriggerStatus.Succeeded => Color.Green,
        TriggerStatus.Pending or TriggerStatus.Dispatched or TriggerStatus.Running => Color.Blue,
        TriggerStatus.Unstable or TriggerStatus.NotBuilt or TriggerStatus.Cancelled => Color.Yellow,
        _ => Color.Red,
    }));

    public static Markup Passed(bool passed) => passed ? new Markup("[green]PASS[/]") : new Markup("[red]FAIL[/]");

    /// <summary>Names up to <paramref name="max"/> items, then <c>+N more</c>.</summary>
    public static string Truncate(IEnumerable<string> items, int max = 3)
    {
        var list = items.ToList();
        var shown = string.Join(", ", list.Take(max));
        return list.Count > max ? string.Create(CultureInfo.InvariantCulture, $"{shown} +{list.Count - max} more") : shown;
    }

    public static Text Plain(string? value) => new(value is null or "" ? "-" : value);

    public static Table NewTable(params string[] columns)
    {
        var table = new Table().Border(TableBorder.Rounded);
        foreach (var column in columns)
        {
            table.AddColumn(new TableColumn(new Text(column, new Style(decoration: Decoration.Bold))));
        }

        return table;
    }
}
