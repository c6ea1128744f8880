using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace AddonGrains.Grains.Notifications;

/// <summary>
/// The bodies sent (docs/operations.md, "Notifications"): a CloudEvents 1.0 structured-mode JSON event for a webhook,
/// an incoming-webhook message for Slack, and the HMAC-SHA256 signature header of a webhook body.
/// </summary>
public static class NotificationMessages
{
    /// <summary>The header that carries <c>sha256=&lt;hex HMAC-SHA256 of the body with the secret&gt;</c>.</summary>
    public const string SignatureHeader = "X-AddonGrains-Signature";

    /// <summary>CloudEvents structured content mode media type.</summary>
    public const string CloudEventsMediaType = "application/cloudevents+json";

    /// <summary>The CloudEvents <c>type</c> of a kind.</summary>
    public static string CloudEventType(NotificationKind kind) => $"com.addongrains.{kind.Name()}";

    /// <summary>The CloudEvents <c>source</c>: the silo cluster that sent it.</summary>
    public static string Source(string clusterId) => $"/addongrains/{clusterId}";

    /// <summary>The CloudEvent for <paramref name="e"/>, sent by the cluster <paramref name="clusterId"/>.</summary>
    public static string CloudEvent(NotificationEvent e, string clusterId)
    {
        ArgumentNullException.ThrowIfNull(e);
        var cloudEvent = new JsonObject
        {
            ["specversion"] = "1.0",
            ["id"] = e.Id,
            ["source"] = Source(clusterId),
            ["type"] = CloudEventType(e.Kind),
            ["subject"] = $"{e.Organization}/{e.Addon}",
            ["time"] = e.OccurredAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            ["datacontenttype"] = "application/json",
            ["data"] = Data(e),
        };
        return cloudEvent.ToJsonString();
    }

    /// <summary>The Slack incoming-webhook message for <paramref name="e"/>: plain text with the organization, add-on, versions, job, result and build link.</summary>
    public static string Slack(NotificationEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return new JsonObject { ["text"] = SlackText(e) }.ToJsonString();
    }

    /// <summary><c>sha256=</c> and the lower-case hex HMAC-SHA256 of <paramref name="body"/> keyed with <paramref name="secret"/>.</summary>
    public static string Signature(string secret, byte[] body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    private static JsonObject Data(NotificationEvent e)
    {
        var data = new JsonObject
        {
            ["event"] = e.Kind.Name(),
            ["organization"] = e.Organization,
            ["orgId"] = e.OrgId,
            ["addon"] = e.Addon,
        };
        void Add(string name, JsonNode? value)
        {
            if (value is not null)
            {
                data[name] = value;
            }
        }

        Add("version", e.Version);
        Add("previousVersion", e.PreviousVersion);
        Add("direction", e.Direction?.ToString().ToLowerInvariant());
        Add("instance", e.Instance);
        Add("job", e.Job);
        Add("triggerId", e.TriggerId);
        Add("result", e.Result);
        Add("buildNumber", e.BuildNumber);
        Add("buildUrl", e.BuildUrl);
        Add("detail", e.Detail);
        return data;
    }

    private static string SlackText(NotificationEvent e)
    {
        var versions = e.PreviousVersion is null ? e.Version : $"{e.PreviousVersion} → {e.Version}";
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"*{Escape(e.Addon)}* on *{Escape(e.Organization)}* ({Escape(e.OrgId)}): ");
        text.Append(e.Kind switch
        {
            NotificationKind.Converged => $"fleet converged at {Escape(versions)}",
            NotificationKind.Triggered => $"triggered {Escape(e.Instance)}/{Escape(e.Job)} for {Escape(versions)}",
            NotificationKind.BuildFinished => $"{Escape(e.Instance)}/{Escape(e.Job)} finished *{Escape(e.Result)}* for {Escape(versions)}",
            NotificationKind.DeliveryFailed => $"could not trigger {Escape(e.Instance)}/{Escape(e.Job)} for {Escape(versions)}",
            NotificationKind.Stalled => $"rollout to {Escape(e.Version)} is stalled",
            _ => $"verdict for {Escape(e.Version)}: *{Escape(e.Result)}*",
        });
        if (e.BuildUrl is { } url && Uri.TryCreate(url, UriKind.Absolute, out _))
        {
            text.Append(CultureInfo.InvariantCulture, $" <{url}|build #{e.BuildNumber}>");
        }

        if (e.Detail is { } detail)
        {
            text.Append(CultureInfo.InvariantCulture, $"\n{Escape(detail)}");
        }

        return text.ToString();
    }

    // Slack's mrkdwn escaping: only &, < and > are special (https://api.slack.com/reference/surfaces/formatting).
    private static string Escape(string? text) =>
        (text ?? "").Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);
}
