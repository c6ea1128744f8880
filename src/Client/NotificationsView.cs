using System.Globalization;
using Spectre.Console.Rendering;

namespace AddonGrains.Client;

/// <summary>The <c>notifications</c> table: deliveries, newest first.</summary>
internal static class NotificationsView
{
    public static IRenderable Table(IEnumerable<NotificationDelivery> deliveries)
    {
        var table = Render.NewTable("Event", "Notifier", "Version", "Job", "Status", "Attempts", "Recorded", "Last error");
        foreach (var d in deliveries)
        {
            table.AddRow(Render.Plain(d.Kind.Name()), Render.Plain(d.Notifier), Render.Plain(d.Version), Render.Plain(d.Job), Status(d.Status),
                Render.Plain(d.Attempts.ToString(CultureInfo.InvariantCulture)), Render.Plain(Iso.Short(d.RecordedAt)), Render.Plain(d.LastError));
        }

        return table;
    }

    private static Markup Status(NotificationDeliveryStatus status) => new(Markup.Escape(status.ToString()), new Style(status switch
    {
        NotificationDeliveryStatus.Delivered => Color.Green,
        NotificationDeliveryStatus.Pending => Color.Yellow,
        _ => Color.Red,
    }));
}
