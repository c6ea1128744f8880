using YamlDotNet.RepresentationModel;

namespace AddonGrains.Configuration;

/// <summary>
/// Binds <c>notifications:</c>: each entry has a unique name, a non-empty <c>on</c> list of known event names,
/// optional <c>organizations</c> (configured names), and exactly one of <c>slack: { webhookUrl: secret }</c> and
/// <c>webhook: { url, secret? }</c>. A Slack webhook URL is itself a secret; a webhook URL may not carry credentials.
/// </summary>
internal sealed class NotificationBinder(NodeValidator v, SecretBinder secrets)
{
    public ImmutableArray<NotifierSettings> Bind(ConfigMapping root, IReadOnlySet<string>? organizationNames)
    {
        if (root.Get("notifications") is null)
        {
            return [];
        }

        var notifiers = v.List(root, "notifications", required: false, (node, path) => Notifier(node, path, organizationNames));
        v.Unique(notifiers.Select(n => n.Name), "notifications", "name", "notifier name");
        return notifiers;
    }

    private NotifierSettings? Notifier(YamlNode node, string path, IReadOnlySet<string>? organizationNames)
    {
        if (v.Mapping(node, path) is not { } map)
        {
            return null;
        }

        var name = v.Name(map, path, "name");
        var on = Kinds(map, path);
        var organizations = Organizations(map, path, organizationNames);
        var slackNode = map.Get("slack");
        var webhookNode = map.Get("webhook");
        if ((slackNode is null) == (webhookNode is null))
        {
            v.Error($"{path}: set exactly one of 'slack' and 'webhook'");
            return null;
        }

        Secret? slackUrl = null;
        Uri? webhookUrl = null;
        Secret? webhookSecret = null;
        if (slackNode is not null)
        {
            slackUrl = Slack(slackNode, $"{path}.slack");
        }
        else if (v.Mapping(webhookNode!, $"{path}.webhook") is { } webhook)
        {
            webhookUrl = v.Url(webhook, $"{path}.webhook", "url");
            webhookSecret = webhook.Get("secret") is { } s ? secrets.Bind(s, $"{path}.webhook.secret") : null;
        }

        var target = slackUrl is not null || webhookUrl is not null;
        return name is null || on.IsDefaultOrEmpty || !target ? null : new NotifierSettings(name, on, organizations, slackUrl, webhookUrl, webhookSecret);
    }

    private ImmutableArray<NotificationKind> Kinds(ConfigMapping map, string path)
    {
        if (map.Get("on") is not YamlSequenceNode { Children.Count: > 0 } list)
        {
            v.Error($"{path}.on: required (a list of events: {string.Join(", ", NotificationKindNames.All)})");
            return [];
        }

        var kinds = ImmutableArray.CreateBuilder<NotificationKind>();
        for (var i = 0; i < list.Children.Count; i++)
        {
            var text = v.Scalar(list.Children[i], $"{path}.on[{i}]");
            if (text is null)
            {
                continue;
            }

            if (NotificationKindNames.Parse(text) is { } kind)
            {
                kinds.Add(kind);
            }
            else
            {
                v.Error($"{path}.on[{i}]: unknown event '{text}' (expected one of: {string.Join(", ", NotificationKindNames.All)})");
            }
        }

        return kinds.Count == list.Children.Count ? kinds.Distinct().ToImmutableArray() : [];
    }

    private ImmutableArray<string> Organizations(ConfigMapping map, string path, IReadOnlySet<string>? known)
    {
        if (map.Get("organizations") is not { } node)
        {
            return [];
        }

        if (node is not YamlSequenceNode { Children.Count: > 0 } list)
        {
            v.Error($"{path}.organizations: expected a list of organization names (leave it out for every organization)");
            return [];
        }

        var names = ImmutableArray.CreateBuilder<string>();
        for (var i = 0; i < list.Children.Count; i++)
        {
            if (v.Scalar(list.Children[i], $"{path}.organizations[{i}]") is not { } name)
            {
                continue;
            }

            // With app-interface the organizations are not known while the file is read: the filter is taken as written.
            if (known is not null && !known.Contains(name))
            {
                v.Error($"{path}.organizations[{i}]: unknown organization '{name}'{NodeValidator.Known(known)}");
            }

            names.Add(name);
        }

        return names.ToImmutable();
    }

    private Secret? Slack(YamlNode node, string path)
    {
        if (v.Mapping(node, path) is not { } map || secrets.Required(map, path, "webhookUrl") is not { } url)
        {
            return null;
        }

        // The URL is the credential: check its shape, never print it.
        if (!Uri.TryCreate(url.Value, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || !string.IsNullOrEmpty(uri.UserInfo))
        {
            v.Error($"{path}.webhookUrl: the value from {url.Source} is not an absolute http(s) URL without credentials");
            return null;
        }

        return url;
    }
}
