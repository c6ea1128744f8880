using System.Text.Json;

namespace AddonGrains.Simulators.Notifications;

/// <summary>One request the receiver got, with how it answered (<see cref="Status"/>; 0 when it never answered).</summary>
public sealed record ReceivedNotification(string Path, string? ContentType, string? Signature, string Body, int Status, DateTimeOffset At)
{
    /// <summary>The CloudEvents <c>id</c>, or null for a Slack message.</summary>
    public string? Id => Field("id");

    /// <summary>The CloudEvents <c>type</c>, or null.</summary>
    public string? Type => Field("type");

    /// <summary>The Slack message's <c>text</c>, or null.</summary>
    public string? Text => Field("text");

    /// <summary>A field of the CloudEvent's <c>data</c>, or null.</summary>
    public string? Data(string name)
    {
        using var json = JsonDocument.Parse(Body);
        return json.RootElement.TryGetProperty("data", out var data) && data.TryGetProperty(name, out var value) ? value.ToString() : null;
    }

    private string? Field(string name)
    {
        using var json = JsonDocument.Parse(Body);
        return json.RootElement.TryGetProperty(name, out var value) ? value.GetString() : null;
    }
}
