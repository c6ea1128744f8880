using System.Security.Cryptography;
using AddonGrains.IntegrationTests.Processes;
using AddonGrains.Simulators.Ocm;

namespace AddonGrains.IntegrationTests.Reload;

/// <summary>
/// The configuration files of the hot-reload stories: the scenario's simulators, organization
/// <see cref="ProcessScenario.Org"/>, a Jenkins token read from a file (so it can be rotated), and the subscriptions
/// and reload interval each step changes.
/// </summary>
internal sealed class ReloadConfig(ProcessScenario scenario, string directory)
{
    public const string Job = "reload-job";

    public string TokenFile { get; } = Path.Combine(directory, "jenkins-token");

    /// <summary>Writes <paramref name="path"/> and returns its content hash (what the silo reports as <c>configHash</c>).</summary>
    public async Task<string> WriteAsync(string path, string tests, string reload = "1s", string instance = "ci")
    {
        var yaml = $$"""
            ocm:
              - { name: sim, url: "{{scenario.Ocm.BaseUrl.ToString().TrimEnd('/')}}", accessTokenUrl: "{{scenario.Ocm.TokenUrl}}", accessTokenClientId: {{OcmSimulatorOptions.DefaultClientId}}, accessTokenClientSecret: { env: {{scenario.OcmSecretVariable}} } }
            jenkins:
              - { name: ci, serverUrl: "{{scenario.Jenkins.BaseUrl.ToString().TrimEnd('/')}}", user: bot, token: { file: "{{TokenFile}}" } }
            organizations:
              - name: {{ProcessScenario.Org}}
                ocm: sim
                orgId: {{ProcessScenario.OrgId}}
                addonUpgradeTests:
            {{tests.Replace("{instance}", instance, StringComparison.Ordinal)}}
            polling: { interval: 1s, rolloutInterval: 1s }
            reload: { interval: {{reload}} }
            """;
        var bytes = System.Text.Encoding.UTF8.GetBytes(yaml);
        // Write-then-rename, as a ConfigMap update does: the silo never reads half a file.
        var temp = path + ".tmp";
        await File.WriteAllBytesAsync(temp, bytes, TestContext.Current.CancellationToken);
        File.Move(temp, path, overwrite: true);
        return Convert.ToHexStringLower(SHA256.HashData(bytes))[..16]; // the silo's ConfigHash
    }

    /// <summary>One <c>addonUpgradeTests</c> entry of <see cref="Job"/> with static parameter ENV.</summary>
    public static string Acm(string env) => $"      - {{ addon: acm, instance: {{instance}}, name: {Job}, parameters: {{ ENV: {env} }} }}";

    /// <summary>A second add-on subscription.</summary>
    public const string Mce = "\n      - { addon: mce, instance: ci, name: smoke }";
}
