using System.Text.Json;
using System.Text.Json.Serialization;

namespace AddonGrains.Silo.StatusPage;

/// <summary>The read-only status page at <c>/</c> and the same data as JSON at <c>/api/status</c>.</summary>
internal static class StatusPageEndpoints
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        WriteIndented = true,
    };

    public static WebApplication MapStatusPage(this WebApplication app)
    {
        app.MapGet("/", async (RolloutBoard board, SettingsSource settings, HttpContext context, CancellationToken ct) =>
        {
            // Defence in depth: everything is escaped, and the page runs no script at all.
            context.Response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";
            context.Response.Headers.XContentTypeOptions = "nosniff";
            context.Response.Headers.CacheControl = "no-store";
            var (views, error) = await TryReadAsync(board, ct);
            return Results.Content(StatusPageRenderer.Render(views, error, TimeProvider.System.GetUtcNow(), settings.Status.Describe(),
                NotificationsLine(settings.Current)), "text/html; charset=utf-8", null,
                error is null ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
        });
        app.MapGet("/api/status", async (RolloutBoard board, CancellationToken ct) =>
        {
            var (views, error) = await TryReadAsync(board, ct);
            return error is null
                ? Results.Json(views, Json)
                : Results.Json(new { error }, Json, statusCode: StatusCodes.Status503ServiceUnavailable);
        });
        return app;
    }

    /// <summary>One line per configured notifier, from this silo's counters since it started; null without notifiers.</summary>
    internal static string? NotificationsLine(AddonGrainsSettings settings)
    {
        if (settings.Notifications.IsEmpty)
        {
            return null;
        }

        var summary = AddonGrains.Grains.Notifications.NotificationTelemetry.Summary().ToDictionary(s => s.Notifier, StringComparer.Ordinal);
        return string.Join("; ", settings.Notifications.Select(n => summary.TryGetValue(n.Name, out var s)
            ? $"{n.Name} ({n.Target}): {s.Sent} sent, {s.Pending} pending, {s.Failed} failed attempts, {s.Dropped} dropped"
            : $"{n.Name} ({n.Target}): nothing sent yet"));
    }

    private static async Task<(IReadOnlyList<RolloutView> Views, string? Error)> TryReadAsync(RolloutBoard board, CancellationToken ct)
    {
        try
        {
            return (await board.ReadAsync(ct).WaitAsync(TimeSpan.FromSeconds(10), ct), null);
        }
        catch (Exception ex) when (ex is TimeoutException or OrleansException or InvalidOperationException)
        {
            return ([], $"the cluster did not answer ({ex.GetType().Name})");
        }
    }
}
