using System.Text.RegularExpressions;
using AddonGrains.Configuration;
using AddonGrains.Tests.Support;

namespace AddonGrains.Tests.Configuration;

/// <summary>
/// docs/configuration.md stays the reference of the configuration file: every key the loader accepts is documented,
/// and its complete example is a configuration the loader accepts as it is.
/// </summary>
public sealed partial class ConfigurationDocTests
{
    private static readonly string Doc = RepositoryDocs.Read("configuration.md");

    public static TheoryData<string, string> SchemaKeys()
    {
        var keys = new TheoryData<string, string>();
        foreach (var (mapping, mappingKeys) in ConfigSchema.Mappings())
        {
            foreach (var key in mappingKeys)
            {
                keys.Add(mapping, key);
            }
        }
        return keys;
    }

    [Theory]
    [MemberData(nameof(SchemaKeys))]
    public void EveryKeyTheLoaderAccepts_IsDocumented(string mapping, string key) =>
        Assert.True(Regex.IsMatch(Doc, $@"`[^`\n]*\b{Regex.Escape(key)}\b[^`\n]*`"),
            $"docs/configuration.md does not mention `{key}` (a key of {mapping})");

    [Fact]
    public void TheSchema_HasEveryMappingOfTheFile() =>
        Assert.Equal(
            ["(root)", "appInterface", "appInterface.token", "appInterface.vault", "appInterface.vault.roleId", "appInterface.vault.secretId",
                "history", "jenkins[N]", "jenkins[N].password", "jenkins[N].token", "notifications[N]", "notifications[N].slack",
                "notifications[N].slack.webhookUrl", "notifications[N].webhook", "notifications[N].webhook.secret", "ocm[N]",
                "ocm[N].accessTokenClientSecret", "organizations[N]", "organizations[N].addonUpgradeTests[N]", "organizations[N].policy",
                "policy", "polling", "reload"],
            ConfigSchema.Mappings().Keys.Order(StringComparer.Ordinal));

    [Fact]
    public void TheCompleteExample_LoadsAsItIs()
    {
        var section = Doc[Doc.IndexOf("## A complete valid example", StringComparison.Ordinal)..];
        var yaml = YamlBlock().Match(section);
        Assert.True(yaml.Success, "docs/configuration.md: no ```yaml block under \"A complete valid example\"");
        var environment = new Dictionary<string, string>
        {
            ["OCM_SECRET"] = "doc-ocm-secret",
            ["JENKINS_TOKEN"] = "doc-jenkins-token",
            ["SLACK_URL"] = "https://hooks.slack.com/services/T0/B0/doc",
            ["HOOK_SECRET"] = "doc-hook-secret",
        };

        var settings = new SettingsLoader(name => environment.GetValueOrDefault(name)).Load(yaml.Groups[1].Value, "docs/configuration.md");

        var organization = Assert.Single(settings.Organizations);
        Assert.Equal("fleet-int", organization.Name);
        Assert.Equal(2, organization.AddonUpgradeTests.Length);
        Assert.Equal(2, settings.Notifications.Length);
    }

    [GeneratedRegex(@"```yaml\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex YamlBlock();
}
