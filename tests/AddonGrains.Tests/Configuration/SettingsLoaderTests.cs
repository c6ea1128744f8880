using System.Text;
using AddonGrains.Configuration;

namespace AddonGrains.Tests.Configuration;

public sealed class SettingsLoaderTests
{
    internal const string Valid = """
        ocm:
          - name: integration
            url: https://api.integration.openshift.com
            accessTokenUrl: https://sso.example.com/token
            accessTokenClientId: my-service-account
            accessTokenClientSecret: { env: OCM_SECRET }
        jenkins:
          - name: ci-int
            serverUrl: https://ci.int.example.com
            user: svc-bot
            token: { env: JENKINS_TOKEN }
        organizations:
          - name: fleet-int
            ocm: integration
            orgId: 1aBcD2eFgH
            addonUpgradeTests:
              - addon: acm
                instance: ci-int
                name: folder/ocm-api-e2e
                parameters: { ENV: integration }
              - addon: acm
                instance: ci-int
                name: smoke
            policy: { notReadyClusters: block, soak: 10m }
        policy:
          firstSeen: baseline
          stallAfter: 1d
        polling:
          interval: 00:05:00
          rolloutInterval: 1s
          ocmConcurrency: 4
        """;

    private static readonly Dictionary<string, string> Env = new()
    {
        ["OCM_SECRET"] = "ocm-secret-value-7d1f",
        ["JENKINS_TOKEN"] = "jenkins-token-value-91ab",
    };

    private static SettingsLoader Loader() => new(name => Env.GetValueOrDefault(name));

    private static string Error(string yaml) =>
        string.Join("\n", Assert.Throws<ConfigurationException>(() => Loader().Load(yaml)).Errors);

    [Fact]
    public void Load_ValidFile_BindsEverythingAndMergesPolicy()
    {
        var settings = Loader().Load(Valid);

        var organization = Assert.Single(settings.Organizations);
        Assert.Equal(NotReadyPolicy.Block, organization.Policy.NotReadyClusters);
        Assert.Equal(TimeSpan.FromMinutes(10), organization.Policy.Soak);
        Assert.Equal(TimeSpan.FromDays(1), organization.Policy.StallAfter);
        Assert.Equal(new PollingSettings(TimeSpan.FromMinutes(5), TimeSpan.FromSeconds(1), 4), settings.Polling);
        Assert.Equal([new JobParameter("ENV", "integration")], organization.AddonUpgradeTests[0].Parameters);
        Assert.Equal("ocm-secret-value-7d1f", settings.Ocm[0].AccessTokenClientSecret.Value);
        Assert.Equal(["fleet-int/acm"], settings.RolloutKeys);
    }

    [Fact]
    public void Load_ValidFile_SecretsNeverPrint()
    {
        var settings = Loader().Load(Valid);

        var printed = $"{settings.Ocm[0]} {settings.Jenkins[0]} {settings}";

        Assert.DoesNotContain("ocm-secret-value-7d1f", printed, StringComparison.Ordinal);
        Assert.DoesNotContain("jenkins-token-value-91ab", printed, StringComparison.Ordinal);
        Assert.Contains("env OCM_SECRET", printed, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_UnknownJenkinsInstance_NamesKeyPath() =>
        Assert.Contains("organizations[0].addonUpgradeTests[1].instance: unknown Jenkins instance 'ci-intt'",
            Error(Valid.Replace("    instance: ci-int\n        name: smoke", "    instance: ci-intt\n        name: smoke", StringComparison.Ordinal)), StringComparison.Ordinal);

    [Fact]
    public void Load_UnknownOcmEnvironment_NamesKeyPath() =>
        Assert.Contains("organizations[0].ocm: unknown OCM environment 'stage'", Error(Valid.Replace("ocm: integration", "ocm: stage", StringComparison.Ordinal)), StringComparison.Ordinal);

    [Fact]
    public void Load_MissingSecretEnvVar_NamesKeyPathAndVariable()
    {
        var error = Error(Valid.Replace("env: JENKINS_TOKEN", "env: NOT_SET_ANYWHERE", StringComparison.Ordinal));

        Assert.Contains("jenkins[0].token.env: environment variable 'NOT_SET_ANYWHERE' is not set", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MissingSecretFile_NamesKeyPath() =>
        Assert.Contains("ocm[0].accessTokenClientSecret.file: cannot read secret file '/nonexistent/secret'",
            Error(Valid.Replace("{ env: OCM_SECRET }", "{ file: /nonexistent/secret }", StringComparison.Ordinal)), StringComparison.Ordinal);

    [Fact]
    public void Load_SecretFromFile_IsReadAndTrimmed()
    {
        var path = Path.GetTempFileName();
        File.WriteAllText(path, "from-file-secret\n");
        try
        {
            var settings = Loader().Load(Valid.Replace("{ env: OCM_SECRET }", $"{{ file: {path} }}", StringComparison.Ordinal));

            Assert.Equal("from-file-secret", settings.Ocm[0].AccessTokenClientSecret.Value);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Load_InlineSecret_IsRefusedWithoutEchoingIt()
    {
        var error = Error(Valid.Replace("{ env: JENKINS_TOKEN }", "plain-text-token-abc", StringComparison.Ordinal));

        Assert.Contains("jenkins[0].token: secrets are never written inline", error, StringComparison.Ordinal);
        Assert.DoesNotContain("plain-text-token-abc", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://api.integration.openshift.com", "not a url")]
    [InlineData("https://api.integration.openshift.com", "ftp://api.example.com")]
    [InlineData("https://ci.int.example.com", "https://user:pw@ci.example.com")]
    public void Load_BadUrl_NamesKeyPath(string good, string bad) =>
        Assert.Matches(@"(ocm\[0\]\.url|jenkins\[0\]\.serverUrl): '.*' is not an absolute http\(s\) URL", Error(Valid.Replace(good, bad, StringComparison.Ordinal)));

    [Theory]
    [InlineData("1aB'; DROP")]
    [InlineData("org with space")]
    public void Load_BadOrgId_NamesKeyPath(string orgId) =>
        Assert.Contains("organizations[0].orgId: ", Error(Valid.Replace("orgId: 1aBcD2eFgH", $"orgId: \"{orgId}\"", StringComparison.Ordinal)), StringComparison.Ordinal);

    [Fact]
    public void Load_SameAddonInstanceJobTwice_NamesKeyPath() =>
        Assert.Contains("organizations[0].addonUpgradeTests[1]: add-on 'acm', instance 'ci-int' and job 'smoke' are already listed at addonUpgradeTests[0]",
            Error(Valid.Replace("name: folder/ocm-api-e2e\n        parameters: { ENV: integration }", "name: smoke", StringComparison.Ordinal)), StringComparison.Ordinal);

    [Fact]
    public void Load_UnknownKey_NamesKeyPath() =>
        Assert.Contains("polling.intervall: unknown key", Error(Valid.Replace("  interval: 00:05:00", "  intervall: 5m", StringComparison.Ordinal)), StringComparison.Ordinal);

    [Theory]
    [InlineData("polling:", "organisations: []\npolling:",
        "organisations: unknown key (expected one of: ocm, jenkins, organizations, policy, polling, history, reload, appInterface, notifications)")]
    [InlineData("    policy: {", "    product: [osd]\n    policy: {",
        "organizations[0].product: unknown key (expected one of: name, ocm, orgId, addonUpgradeTests, policy, products)")]
    public void Load_UnknownKey_ListsTheKeysTheBinderReads_InTheirOrder(string find, string replace, string expected) =>
        Assert.Equal(expected, Error(Valid.Replace(find, replace, StringComparison.Ordinal)));

    [Fact]
    public void Load_UnknownTopLevelKey_NamesIt() =>
        Assert.Contains("organisations: unknown key", Error(Valid + "\norganisations: []\n"), StringComparison.Ordinal);

    [Theory]
    [InlineData("5 minutes")]
    [InlineData("-1s")]
    [InlineData("0s")]
    public void Load_BadDuration_NamesKeyPath(string duration) =>
        Assert.Contains("polling.interval: ", Error(Valid.Replace("interval: 00:05:00", $"interval: {duration}", StringComparison.Ordinal)), StringComparison.Ordinal);

    [Fact]
    public void Load_DuplicateOrganizationName_NamesKeyPath()
    {
        var second = "\n  - name: fleet-int\n    ocm: integration\n    orgId: other\n    addonUpgradeTests:\n      - { addon: acm, instance: ci-int, name: x }\n";
        var yaml = Valid.Replace("policy:\n  firstSeen", second.TrimStart('\n').Insert(0, "") + "policy:\n  firstSeen", StringComparison.Ordinal);

        Assert.Contains("organizations[1].name: duplicate organization name 'fleet-int'", Error(yaml), StringComparison.Ordinal);
    }

    [Fact]
    public void Load_BothTokenAndPassword_IsRefused() =>
        Assert.Contains("jenkins[0]: set exactly one of 'token'",
            Error(Valid.Replace("token: { env: JENKINS_TOKEN }", "token: { env: JENKINS_TOKEN }\n    password: { env: JENKINS_TOKEN }", StringComparison.Ordinal)), StringComparison.Ordinal);

    [Fact]
    public void Load_ReservedStaticParameter_IsRefused() =>
        Assert.Contains("organizations[0].addonUpgradeTests[0].parameters.TRIGGER_ID: 'TRIGGER_ID' is set by AddonGrains itself",
            Error(Valid.Replace("{ ENV: integration }", "{ TRIGGER_ID: x }", StringComparison.Ordinal)), StringComparison.Ordinal);

    [Fact]
    public void Load_BadEnumValue_ListsTheChoices() =>
        Assert.Contains("policy.firstSeen: 'always' is not one of baseline, trigger",
            Error(Valid.Replace("firstSeen: baseline", "firstSeen: always", StringComparison.Ordinal)), StringComparison.Ordinal);

    [Fact]
    public void Load_EmptyFile_SaysSo() => Assert.Contains("is empty", Error(""), StringComparison.Ordinal);

    [Fact]
    public void Load_YamlSyntaxError_GivesLineAndColumn() =>
        Assert.Contains("YAML syntax error at line", Error("ocm:\n  - name: [unclosed\n"), StringComparison.Ordinal);

    [Fact]
    public void Load_InvalidUtf8_SaysSo()
    {
        var bytes = Encoding.UTF8.GetBytes(Valid).Concat(new byte[] { 0xC3, 0x28 }).ToArray();

        var error = Assert.Throws<ConfigurationException>(() => Loader().Load(bytes, "bad.yaml"));

        Assert.Contains("bad.yaml: the file is not valid UTF-8", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_SeveralErrors_ReportsEachOne()
    {
        var yaml = Valid.Replace("ocm: integration", "ocm: stage", StringComparison.Ordinal).Replace("interval: 00:05:00", "interval: soon", StringComparison.Ordinal);

        var errors = Assert.Throws<ConfigurationException>(() => Loader().Load(yaml)).Errors;

        Assert.Equal(2, errors.Length);
    }
}
