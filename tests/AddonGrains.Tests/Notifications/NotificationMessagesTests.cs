using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AddonGrains.Grains.Notifications;

namespace AddonGrains.Tests.Notifications;

/// <summary>The CloudEvent, the Slack message, the signature and the deterministic ids.</summary>
public sealed class NotificationMessagesTests
{
    private static readonly NotificationEvent Finished = new("ag-0123.buildFinished", NotificationKind.BuildFinished, "fleet", "org-1", "acm", "1.1.0", "1.0.0",
        new DateTimeOffset(2026, 12, 5, 12, 0, 0, TimeSpan.Zero))
    {
        Direction = UpgradeDirection.Upgrade, Instance = "ci", Job = "e2e", TriggerId = "ag-0123", Result = "Failed", BuildNumber = 7, BuildUrl = "https://ci.example/job/e2e/7/",
    };

    [Fact]
    public void CloudEvent_IsStructuredCloudEvents10()
    {
        using var json = JsonDocument.Parse(NotificationMessages.CloudEvent(Finished, "prod-cluster"));
        var root = json.RootElement;

        Assert.Equal(("1.0", "ag-0123.buildFinished", "/addongrains/prod-cluster", "com.addongrains.buildFinished", "fleet/acm", "2026-12-05T12:00:00.000Z", "application/json"),
            (root.GetProperty("specversion").GetString(), root.GetProperty("id").GetString(), root.GetProperty("source").GetString(), root.GetProperty("type").GetString(),
             root.GetProperty("subject").GetString(), root.GetProperty("time").GetString(), root.GetProperty("datacontenttype").GetString()));
        var data = root.GetProperty("data");
        Assert.Equal(("1.1.0", "1.0.0", "upgrade", "e2e", "Failed", 7, "https://ci.example/job/e2e/7/"),
            (data.GetProperty("version").GetString(), data.GetProperty("previousVersion").GetString(), data.GetProperty("direction").GetString(),
             data.GetProperty("job").GetString(), data.GetProperty("result").GetString(), data.GetProperty("buildNumber").GetInt32(), data.GetProperty("buildUrl").GetString()));
    }

    [Fact]
    public void Slack_NamesOrganizationAddonVersionsJobResultAndBuildLink()
    {
        using var json = JsonDocument.Parse(NotificationMessages.Slack(Finished));
        var text = json.RootElement.GetProperty("text").GetString();

        Assert.Equal("*acm* on *fleet* (org-1): ci/e2e finished *Failed* for 1.0.0 → 1.1.0 <https://ci.example/job/e2e/7/|build #7>", text);
    }

    [Fact]
    public void Signature_IsTheHexHmacSha256OfTheBody()
    {
        var body = Encoding.UTF8.GetBytes(NotificationMessages.CloudEvent(Finished, "c"));

        var signature = NotificationMessages.Signature("k3y", body);

        Assert.Equal("sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData("k3y"u8, body)), signature);
        Assert.NotEqual(signature, NotificationMessages.Signature("other", body));
    }

    [Fact]
    public void Ids_AreDeterministicPerFactsAndKind()
    {
        var a = NotificationIds.ForRollout("fleet/acm", NotificationKind.Converged, 3, "1.1.0");

        Assert.Equal(a, NotificationIds.ForRollout("fleet/acm", NotificationKind.Converged, 3, "1.1.0"));
        Assert.NotEqual(a, NotificationIds.ForRollout("fleet/acm", NotificationKind.Converged, 4, "1.1.0"));
        Assert.Equal("ag-1.triggered", NotificationIds.ForTrigger("ag-1", NotificationKind.Triggered));
    }
}
