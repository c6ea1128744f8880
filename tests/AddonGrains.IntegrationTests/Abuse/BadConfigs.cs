namespace AddonGrains.IntegrationTests.Abuse;

/// <summary>The catalogue of invalid configurations, each a small change to <see cref="ValidYaml"/>.</summary>
internal static class BadConfigs
{
    public const string OcmSecretVariable = "ABUSE_OCM_SECRET";
    public const string JenkinsTokenVariable = "ABUSE_JENKINS_TOKEN";
    public const string InlineToken = "11inline0secret0abcdef0123456789ab";
    public const string UrlPassword = "Pa55wordInTheUrl";

    /// <summary>Valid (the control test starts a silo with it); nothing listens at the upstream URLs.</summary>
    public const string ValidYaml = """
        ocm:
          - name: sim
            url: http://127.0.0.1:9
            accessTokenUrl: http://127.0.0.1:9/token
            accessTokenClientId: abuse-client
            accessTokenClientSecret: { env: ABUSE_OCM_SECRET }
        jenkins:
          - name: ci
            serverUrl: http://127.0.0.1:9
            user: bot
            token: { env: ABUSE_JENKINS_TOKEN }
        organizations:
          - name: org-a
            ocm: sim
            orgId: org-a-1
            addonUpgradeTests:
              - { addon: acm, instance: ci, name: qa/e2e, parameters: { ENV: integration } }
        policy: { firstSeen: baseline, rollbacks: trigger, soak: 0s, stallAfter: 24h }
        polling: { interval: 1m, rolloutInterval: 30s, ocmConcurrency: 4 }

        """;

    private const string Org = "organizations[0]";
    private const string Test0 = "organizations[0].addonUpgradeTests[0]";
    private const string TestLine = "      - { addon: acm, instance: ci, name: qa/e2e, parameters: { ENV: integration } }\n";

    public static readonly IReadOnlyList<BadConfig> All =
    [
        BadConfig.Mutation("unknown-ocm-reference", "    ocm: sim\n", "    ocm: simm\n", $"{Org}.ocm: unknown OCM environment 'simm'"),
        BadConfig.Mutation("unknown-jenkins-instance", "instance: ci,", "instance: ci-intt,", $"{Test0}.instance: unknown Jenkins instance 'ci-intt'"),
        BadConfig.Mutation("missing-secret-env-var", "{ env: ABUSE_OCM_SECRET }", "{ env: ABUSE_NEVER_SET_VARIABLE }",
            "ocm[0].accessTokenClientSecret.env: environment variable 'ABUSE_NEVER_SET_VARIABLE' is not set"),
        BadConfig.Mutation("missing-secret-file", "{ env: ABUSE_JENKINS_TOKEN }", "{ file: \"{dir}/no-such-token\" }",
            "jenkins[0].token.file: cannot read secret file"),
        BadConfig.Mutation("empty-secret-file", "{ env: ABUSE_JENKINS_TOKEN }", "{ file: \"{dir}/empty-token\" }",
            "jenkins[0].token.file: secret file '{dir}/empty-token' is empty") with { Files = new Dictionary<string, string> { ["empty-token"] = "\n" } },
        BadConfig.Mutation("inline-secret", "{ env: ABUSE_JENKINS_TOKEN }", InlineToken,
            "jenkins[0].token: secrets are never written inline") with { Forbidden = [InlineToken] },
        BadConfig.Mutation("bad-url", "serverUrl: http://127.0.0.1:9", "serverUrl: ftp//ci.example.com",
            "jenkins[0].serverUrl: 'ftp//ci.example.com' is not an absolute http(s) URL"),
        BadConfig.Mutation("url-with-credentials", "url: http://127.0.0.1:9\n", $"url: https://svc:{UrlPassword}@ocm.example.com\n",
            "ocm[0].url: ") with { Forbidden = [UrlPassword] },
        BadConfig.Mutation("orgid-with-quote", "orgId: org-a-1", "orgId: \"org-a-1' OR '1'='1\"", $"{Org}.orgId: "),
        BadConfig.Mutation("addon-id-with-quote", "addon: acm,", "addon: \"acm'; DROP TABLE x; --\",", $"{Test0}.addon: "),
        BadConfig.Mutation("addon-id-with-path", "addon: acm,", "addon: \"../acm\",", $"{Test0}.addon: '../acm' is not a valid OCM add-on id"),
        BadConfig.Mutation("job-name-empty-segment", "name: qa/e2e,", "name: \"qa//e2e\",", $"{Test0}.name: 'qa//e2e' is not a Jenkins job path"),
        BadConfig.Mutation("duplicate-organization-names", "policy: { firstSeen",
            "  - { name: org-a, ocm: sim, orgId: org-b-2, addonUpgradeTests: [ { addon: acm, instance: ci, name: other } ] }\npolicy: { firstSeen",
            "organizations[1].name: duplicate organization name 'org-a'"),
        BadConfig.Mutation("duplicate-addon-instance-job", TestLine, TestLine + "      - { addon: acm, instance: ci, name: qa/e2e }\n",
            "organizations[0].addonUpgradeTests[1]: add-on 'acm', instance 'ci' and job 'qa/e2e' are already listed"),
        BadConfig.Mutation("duplicate-jenkins-instance", "organizations:\n",
            "  - { name: ci, serverUrl: http://127.0.0.1:10, user: bot, token: { env: ABUSE_JENKINS_TOKEN } }\norganizations:\n",
            "jenkins[1].name: duplicate Jenkins instance 'ci'"),
        BadConfig.Mutation("bad-duration", "soak: 0s", "soak: 5 minutes", "policy.soak: '5 minutes' is not a duration"),
        BadConfig.Mutation("interval-below-minimum", "rolloutInterval: 30s", "rolloutInterval: 0s", "polling.rolloutInterval: '0s' is shorter than the minimum"),
        BadConfig.Mutation("concurrency-out-of-range", "ocmConcurrency: 4", "ocmConcurrency: 0", "polling.ocmConcurrency: expected a whole number"),
        BadConfig.Mutation("bad-enum-value", "rollbacks: trigger", "rollbacks: sometimes", "policy.rollbacks: 'sometimes' is not one of"),
        BadConfig.Mutation("unknown-key", "    orgId: org-a-1\n", "    orgId: org-a-1\n    labels: { team: qe }\n", $"{Org}.labels: unknown key"),
        BadConfig.Mutation("misspelled-root-key", "polling:", "poling:", "poling: unknown key"),
        BadConfig.Mutation("token-and-password", "    token: { env: ABUSE_JENKINS_TOKEN }\n",
            "    token: { env: ABUSE_JENKINS_TOKEN }\n    password: { env: ABUSE_JENKINS_TOKEN }\n", "jenkins[0]: set exactly one of 'token'"),
        BadConfig.Mutation("reserved-static-parameter", "parameters: { ENV: integration }", "parameters: { ENV: integration, TRIGGER_ID: mine }",
            $"{Test0}.parameters.TRIGGER_ID: 'TRIGGER_ID' is set by AddonGrains itself"),
        BadConfig.Mutation("missing-section", "organizations:\n", "organisations:\n", "organizations: required"),
        BadConfig.Mutation("notifier-unknown-event", "polling:", "notifications: [ { name: n, on: [finished], webhook: { url: \"https://h.example/x\" } } ]\npolling:",
            "notifications[0].on[0]: unknown event 'finished'"),
        BadConfig.Mutation("notifier-url-with-credentials", "polling:", $"notifications: [ {{ name: n, on: [verdict], webhook: {{ url: \"https://u:{UrlPassword}@h.example/x\" }} }} ]\npolling:",
            "notifications[0].webhook.url: ") with { Forbidden = [UrlPassword] },
        BadConfig.Mutation("duplicate-yaml-key", "polling:", "policy: { soak: 1s }\npolling:", "YAML syntax error at line"),
        BadConfig.Yaml("empty-file", "", "{config}: the configuration file is empty"),
        BadConfig.Yaml("yaml-unclosed-flow", "ocm: [ { name: sim\njenkins: [\n", "{config}: YAML syntax error"),
        BadConfig.Mutation("yaml-bad-indentation", "    orgId: org-a-1\n", "     orgId: org-a-1\n", "{config}: YAML syntax error at line 15"),
        BadConfig.Mutation("yaml-tab-indentation", "    orgId: org-a-1\n", "\torgId: org-a-1\n", "{config}: YAML syntax error at line 14"),
        BadConfig.Yaml("root-is-a-list", "- ocm\n- jenkins\n", "(root): expected a mapping"),
        BadConfig.Yaml("two-documents", ValidYaml + "---\n" + ValidYaml, "expected one YAML document, found 2"),
        new("invalid-utf8", [.. "ocm:\n  - name: s"u8, 0xC3, 0x28, .. "m\n"u8], "{config}: the file is not valid UTF-8"),
        new("nonexistent-config-path", null, "{config}: cannot read the configuration file"),
    ];

    public static BadConfig Named(string name) => All.Single(c => c.Name == name);
}
