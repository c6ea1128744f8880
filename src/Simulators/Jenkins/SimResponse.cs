namespace AddonGrains.Simulators.Jenkins;

/// <summary>A response the simulator is about to write.</summary>
internal sealed record SimResponse(int Status, string ContentType, string Body, IReadOnlyList<KeyValuePair<string, string>> Headers)
{
    public static SimResponse Json(System.Text.Json.Nodes.JsonNode body, params KeyValuePair<string, string>[] headers) =>
        new(200, "application/json;charset=utf-8", body.ToJsonString(), headers);

    /// <summary>Jenkins error pages are HTML, never JSON.</summary>
    public static SimResponse Html(int status, string message, params KeyValuePair<string, string>[] headers) =>
        new(status, "text/html;charset=utf-8",
            $"<html><head><title>Error {status}</title></head><body><h2>HTTP ERROR {status}</h2><p>{System.Net.WebUtility.HtmlEncode(message)}</p></body></html>",
            headers);

    public static SimResponse Redirect(int status, string location) =>
        new(status, "text/plain", "", [new("Location", location)]);
}
