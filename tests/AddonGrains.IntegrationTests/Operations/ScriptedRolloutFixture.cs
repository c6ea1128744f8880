using System.Text.Json;
using AddonGrains.IntegrationTests.Processes;
using AddonGrains.Simulators.Jenkins;
using AddonGrains.Simulators.Ocm;

namespace AddonGrains.IntegrationTests.Operations;

/// <summary>
/// One silo process (local mode, dashboard on) against both simulators in this process, after a scripted rollout:
/// <c>ops-one/acm</c> converged 1.0.0 → 1.1.0 and its job built SUCCESS; <c>ops-two/acm</c> is held back by a
/// straggler. The job name and the straggler's name carry markup, which every page must show as text.
/// </summary>
public sealed class ScriptedRolloutFixture : IAsyncLifetime
{
    public const string HostileJob = "qe/<script>document.title='pwned'</script>";
    public const string HostileCluster = "<script>document.title='pwned-by-ocm'</script>";
    private const string JenkinsToken = "11ops0000000000000000000000000000";
    private static readonly string[] OneClusters = ["1a000000000000000000000000000001", "1a000000000000000000000000000002", "1a000000000000000000000000000003"];
    private static readonly string[] TwoClusters = ["2b000000000000000000000000000001", "2b000000000000000000000000000002"];
    private readonly string _configPath = Path.Combine(Path.GetTempPath(), $"addongrains-ops-{Guid.NewGuid():N}.yaml");

    public OcmSimulator Ocm { get; private set; } = null!;

    public JenkinsSimulator Jenkins { get; private set; } = null!;

    public SiloProcess Silo { get; private set; } = null!;

    private bool Started => Silo is not null;

    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(10) };

    public async ValueTask InitializeAsync()
    {
        Ocm = await OcmSimulator.StartAsync();
        Jenkins = await JenkinsSimulator.StartAsync(new JenkinsSimulatorOptions { QuietPeriod = TimeSpan.FromMilliseconds(100) });
        Jenkins.AddUser("ops-bot", apiToken: JenkinsToken);
        Jenkins.AddJob(new JenkinsSimJob(HostileJob));
        Jenkins.AddJob(new JenkinsSimJob("plain-e2e"));
        foreach (var (id, i) in OneClusters.Select((id, i) => (id, i)))
        {
            Ocm.AddCluster(new SimulatedCluster(id, $"one-{i + 1}", "org-one"));
            Ocm.SetAddonInstallation(id, "acm", "1.0.0");
        }

        Ocm.AddCluster(new SimulatedCluster(TwoClusters[0], "two-1", "org-two"));
        Ocm.AddCluster(new SimulatedCluster(TwoClusters[1], HostileCluster, "org-two"));
        foreach (var id in TwoClusters)
        {
            Ocm.SetAddonInstallation(id, "acm", "2.0.0");
        }

        await File.WriteAllTextAsync(_configPath, Yaml());
        Silo = SiloProcess.Start(_configPath, connectionString: null, new Dictionary<string, string>
        {
            ["OPS_OCM_SECRET"] = OcmSimulatorOptions.DefaultClientSecret,
            ["OPS_JENKINS_TOKEN"] = JenkinsToken,
            ["AddonGrains__Dashboard__Enabled"] = "true",
            ["AddonGrains__Delivery__PollInterval"] = "00:00:00.200",
            ["AddonGrains__Delivery__RetryBaseDelay"] = "00:00:00.200",
        }, name: "ops-silo");
        await Silo.WaitUntilReadyAsync(TimeSpan.FromSeconds(60));

        await WaitForStatusAsync("baselines 1.0.0 and 2.0.0", s => LastKnown(s, "ops-one/acm") == "1.0.0" && LastKnown(s, "ops-two/acm") == "2.0.0");
        foreach (var id in OneClusters)
        {
            Ocm.SetAddonInstallation(id, "acm", "1.1.0");
        }

        Ocm.SetAddonInstallation(TwoClusters[0], "acm", "2.1.0");
        await WaitForStatusAsync("ops-one's build to succeed and ops-two to wait for its straggler", s =>
            Rollout(s, "ops-one/acm") is { } one && one.GetProperty("triggers") is { ValueKind: JsonValueKind.Array } triggers
            && triggers.GetArrayLength() > 0 && Str(triggers[0], "status") == "Succeeded"
            && Rollout(s, "ops-two/acm") is { } two && two.GetProperty("status").GetProperty("stragglers").GetArrayLength() == 1);
    }

    public async ValueTask DisposeAsync()
    {
        // Null-tolerant: InitializeAsync may have failed half-way.
        if (Started)
        {
            await Silo.DisposeAsync();
        }

        Http.Dispose();
        await (Jenkins?.DisposeAsync() ?? ValueTask.CompletedTask);
        await (Ocm?.DisposeAsync() ?? ValueTask.CompletedTask);
        File.Delete(_configPath);
    }

    private async Task WaitForStatusAsync(string what, Func<JsonElement, bool> done)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(45);
        var last = "";
        while (DateTime.UtcNow < deadline)
        {
            using var response = await Http.GetAsync(new Uri(Silo.HttpUrl, "api/status"));
            last = await response.Content.ReadAsStringAsync();
            if (response.IsSuccessStatusCode)
            {
                using var document = JsonDocument.Parse(last);
                if (done(document.RootElement))
                {
                    return;
                }
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"Timed out waiting for {what}. Last /api/status:\n{last}\nSilo output:\n{Silo.Tail()}");
    }

    private static JsonElement? Rollout(JsonElement status, string key) =>
        status.EnumerateArray().Where(r => Str(r, "key") == key).Select(r => (JsonElement?)r).FirstOrDefault();

    private static string? LastKnown(JsonElement status, string key) =>
        Rollout(status, key) is { } rollout ? Str(rollout.GetProperty("status"), "lastKnownVersion") : null;

    private static string? Str(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private string Yaml() => $$"""
        ocm:
          - { name: sim, url: "{{Ocm.BaseUrl.ToString().TrimEnd('/')}}", accessTokenUrl: "{{Ocm.TokenUrl}}", accessTokenClientId: {{OcmSimulatorOptions.DefaultClientId}}, accessTokenClientSecret: { env: OPS_OCM_SECRET } }
        jenkins:
          - { name: ci, serverUrl: "{{Jenkins.BaseUrl.ToString().TrimEnd('/')}}", user: ops-bot, token: { env: OPS_JENKINS_TOKEN } }
        organizations:
          - { name: ops-one, ocm: sim, orgId: org-one, addonUpgradeTests: [ { addon: acm, instance: ci, name: "{{HostileJob}}" } ] }
          - { name: ops-two, ocm: sim, orgId: org-two, addonUpgradeTests: [ { addon: acm, instance: ci, name: plain-e2e } ] }
        polling: { interval: 1s, rolloutInterval: 1s }
        """;
}

[CollectionDefinition(Name)]
public sealed class ScriptedRolloutGroup : ICollectionFixture<ScriptedRolloutFixture>
{
    public const string Name = nameof(ScriptedRolloutGroup);
}
