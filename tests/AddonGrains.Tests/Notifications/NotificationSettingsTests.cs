using AddonGrains.Configuration;
using AddonGrains.Tests.Configuration;

namespace AddonGrains.Tests.Notifications;

/// <summary><c>notifications:</c>: what binds, each error with its key path, no secret in a message, and hot reload.</summary>
public sealed class NotificationSettingsTests
{
    internal const string SlackUrl = "https://hooks.slack.example/services/T000/B000/sEcReTsLaCkPaTh";
    internal const string HookSecret = "hmac-s3cret-value-0042";

    private static SettingsLoader Loader(string slackUrl = SlackUrl) => new(name => Lookup(name, slackUrl));

    private static string? Lookup(string name, string slackUrl = SlackUrl) => name switch
    {
        "OCM_SECRET" => "s",
        "JENKINS_TOKEN" => "t",
        "SLACK_URL" => slackUrl,
        "HOOK_SECRET" => HookSecret,
        _ => null,
    };

    private static AddonGrainsSettings Load(string notifications, SettingsLoader? loader = null) =>
        (loader ?? Loader()).Load(SettingsLoaderTests.Valid + "\nnotifications:\n" + notifications);

    private static ImmutableArray<string> Errors(string notifications, SettingsLoader? loader = null) =>
        Assert.Throws<ConfigurationException>(() => Load(notifications, loader)).Errors;

    [Fact]
    public void Load_SlackAndWebhook_BindsBothNotifiers()
    {
        var settings = Load("""
              - name: team-chat
                on: [converged, triggered, buildFinished, deliveryFailed, stalled, verdict]
                organizations: [fleet-int]
                slack: { webhookUrl: { env: SLACK_URL } }
              - name: our-tooling
                on: [verdict]
                webhook: { url: "https://hooks.example.com/addongrains", secret: { env: HOOK_SECRET } }
            """);

        var (chat, tooling) = (settings.Notifications[0], settings.Notifications[1]);
        Assert.Equal(("team-chat", "slack", 6, SlackUrl), (chat.Name, chat.Target, chat.On.Length, chat.SlackWebhookUrl!.Value));
        Assert.True(chat.Wants(NotificationKind.BuildFinished, "fleet-int"));
        Assert.False(chat.Wants(NotificationKind.BuildFinished, "other-org"));
        Assert.Equal(("webhook", HookSecret), (tooling.Target, tooling.WebhookSecret!.Value));
        Assert.True(tooling.Wants(NotificationKind.Verdict, "any-org"));
        Assert.False(tooling.Wants(NotificationKind.Converged, "any-org"));
    }

    [Fact]
    public void Load_WithoutNotifications_HasNone() =>
        Assert.Empty(Loader().Load(SettingsLoaderTests.Valid).Notifications);

    [Theory]
    [InlineData("  - { name: n, on: [converged, finished], webhook: { url: \"https://h.example/x\" } }", "notifications[0].on[1]: unknown event 'finished'")]
    [InlineData("  - { name: n, on: [], webhook: { url: \"https://h.example/x\" } }", "notifications[0].on: required")]
    [InlineData("  - { name: n, on: [verdict] }", "notifications[0]: set exactly one of 'slack' and 'webhook'")]
    [InlineData("  - { name: n, on: [verdict], webhook: { url: \"https://h.example/x\" }, slack: { webhookUrl: { env: SLACK_URL } } }", "notifications[0]: set exactly one of 'slack' and 'webhook'")]
    [InlineData("  - { name: n, on: [verdict], webhook: { url: \"https://h.example/x\", secret: inline-secret } }", "notifications[0].webhook.secret: secrets are never written inline")]
    [InlineData("  - { name: n, on: [verdict], slack: { webhookUrl: \"https://hooks.slack.example/T/B/x\" } }", "notifications[0].slack.webhookUrl: secrets are never written inline")]
    [InlineData("  - { name: n, on: [verdict], webhook: { url: \"https://bob:pa55word@h.example/x\" } }", "notifications[0].webhook.url: 'https://***@h.example/x' is not an absolute http(s) URL without credentials")]
    [InlineData("  - { name: n, on: [verdict], webhook: { url: \"https://h.example/x\", secret: { env: NOT_SET } } }", "notifications[0].webhook.secret.env: environment variable 'NOT_SET' is not set")]
    [InlineData("  - { name: n, on: [verdict], organizations: [nope], webhook: { url: \"https://h.example/x\" } }", "notifications[0].organizations[0]: unknown organization 'nope'")]
    [InlineData("  - { name: n, on: [verdict], webhook: { url: \"https://h.example/x\", token: x } }", "notifications[0].webhook.token: unknown key")]
    [InlineData("  - { name: n, when: [verdict], webhook: { url: \"https://h.example/x\" } }", "notifications[0].when: unknown key")]
    [InlineData("  - { name: n, on: [verdict], webhook: { url: \"https://h.example/x\" } }\n  - { name: n, on: [verdict], webhook: { url: \"https://h.example/y\" } }", "notifications[1].name: duplicate notifier name 'n'")]
    public void Load_BadNotifier_NamesTheKeyPath(string yaml, string expected)
    {
        var errors = Errors(yaml + "\n");

        Assert.Contains(errors, e => e.StartsWith(expected, StringComparison.Ordinal));
        Assert.DoesNotContain(errors, e => e.Contains("pa55word", StringComparison.Ordinal) || e.Contains("inline-secret", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_SlackUrlWithCredentials_IsRejectedWithoutPrintingIt()
    {
        var errors = Errors("  - { name: n, on: [verdict], slack: { webhookUrl: { env: SLACK_URL } } }\n", Loader("https://u:sEcReT@hooks.slack.example/x"));

        var error = Assert.Single(errors);
        Assert.StartsWith("notifications[0].slack.webhookUrl: the value from env SLACK_URL is not an absolute http(s) URL", error, StringComparison.Ordinal);
        Assert.DoesNotContain("sEcReT", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Reload_ChangedNotifiersOrRotatedSecret_IsApplied()
    {
        const string Hook = "  - { name: hook, on: [verdict], webhook: { url: \"https://h.example/x\", secret: { env: HOOK_SECRET } } }\n";
        var source = new SettingsSource(Loader().Load(SettingsLoaderTests.Valid));

        var added = source.ApplyIfChanged(Load(Hook));
        var rotated = source.ApplyIfChanged(Load(Hook, new SettingsLoader(name => name == "HOOK_SECRET" ? "rotated" : Lookup(name))));

        Assert.True(added);
        Assert.True(rotated);
        Assert.Equal("rotated", source.Current.Notifications.Single().WebhookSecret!.Value);
    }
}
