using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace AddonGrains.Simulators.Ocm;

/// <summary>Writes the simulator's JSON answers.</summary>
internal static class OcmResponses
{
    public static Task WriteAsync(HttpContext context, int status, JsonObject body, CancellationToken ct) =>
        WriteAsync(context, status, w => body.WriteTo(w), ct);

    public static async Task WriteAsync(HttpContext context, int status, Action<System.Text.Json.Utf8JsonWriter> body, CancellationToken ct)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        // Straight into the response pipe: no intermediate string of the whole page.
        using (var writer = new System.Text.Json.Utf8JsonWriter(context.Response.BodyWriter))
        {
            body(writer);
        }
        await context.Response.BodyWriter.FlushAsync(ct);
    }

    public static async Task WriteRawAsync(HttpContext context, int status, string body, CancellationToken ct)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body, ct);
    }
}
