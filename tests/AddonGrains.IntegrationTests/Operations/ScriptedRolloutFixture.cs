using System.Text.Json;
using AddonGrains.IntegrationTests.Processes;
using AddonGrains.Simulators.Jenkins;
using AddonGrains.Simulators.Ocm;
using AddonGrains.Simulators.World;

namespace AddonGrains.IntegrationTests.Operations;

/// <summary>
/// One silo process (local mode, dashboard on) against both simulators in this process, after a scripted rollout:
/// <c>ops-one/acm</c> converged 1.0.0 → 1.1.0 and its job built SUCCESS; <c>ops-two/acm</c> is held back by a
/// straggler; <c>ops-three/acm</c> converged 3.0.0 → 3.1.0 but its job does not exist in Jenkins, so its trigger
/// ended DeliveryFailed. The job name and the straggler's name carry markup, which every page must show as text.
/// </summary>
public sealed class ScriptedRolloutFixture : IAsyncLifetime
{
    public const string HostileJob = "qe/<script>document.title='pwned'</script>";
    public const string HostileCluster = "<script>document.title='pwned-by-ocm'</script>";
    private static readonly string[] OneClusters = ["1a000000000000000000000000000001", "1a000000000000000000000000000002", "1a000000000000000000000000000003"];
    public const string MissingJob = "qe/not-in-jenkins";
    private static readonly string[] TwoClusters = ["2b000000000000000000000000000001", "2b000000000000000000000000000002"];
    private const string ThreeCluster = "3c000000000000000000000000000001";
    private ProcessWorld? _world;

    public OcmSimulator Ocm => _world!.World.Ocm;

    public JenkinsSimulator Jenkins => _world!.World.Jenkins;

    public SiloProcess Silo { get; private set; } = null!;

    private bool Started => Silo is not null;

    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(10) };

    public async ValueTask InitializeAsync()
    {
        _world = await ProcessWorld.StartAsync(SimulatedWorld.Build()
            .JenkinsCredentials("ops-bot", "11ops0000000000000000000000000000")
            .Job(new JenkinsSimJob(HostileJob))
            .Job(new JenkinsSimJob("plain-e2e"))
            .Organization("ops-one", "org-one", o =>
            {
                o.Test("acm", HostileJob);
                foreach (var (id, i) in OneClusters.Select((id, i) => (id, i)))
                {
                    o.Cluster(id, $"one-{i + 1}", "acm", "1.0.0");
                }
            })
            .Organization("ops-two", "org-two", o => o
                .Test("acm", "plain-e2e")
                .Cluster(TwoClusters[0], "two-1", "acm", "2.0.0")
                .Cluster(TwoClusters[1], HostileCluster, "acm", "2.0.0"))
            .Organization("ops-three", "org-three", o => o.Test("acm", MissingJob).Cluster(ThreeCluster, "three-1", "acm", "3.0.0"))
            .Polling("1s", "1s"));
        Silo = _world.StartSilo(connectionString: null, "ops-silo", new Dictionary<string, string> { ["AddonGrains__Dashboard__Enabled"] = "true" });
        await Silo.WaitUntilReadyAsync(TimeSpan.FromSeconds(60));

        await WaitForStatusAsync("baselines 1.0.0, 2.0.0 and 3.0.0", s => LastKnown(s, "ops-one/acm") == "1.0.0" && LastKnown(s, "ops-two/acm") == "2.0.0"
            && LastKnown(s, "ops-three/acm") == "3.0.0");
        _world.World.SetVersion("acm", "1.1.0", OneClusters);
        Ocm.SetAddonInstallation(TwoClusters[0], "acm", "2.1.0");
        Ocm.SetAddonInstallation(ThreeCluster, "acm", "3.1.0");
        await WaitForStatusAsync("ops-one's build to succeed, ops-two to wait for its straggler, ops-three's delivery to fail", s =>
            NewestTrigger(s, "ops-one/acm") == "Succeeded" && NewestTrigger(s, "ops-three/acm") == "DeliveryFailed"
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
        await (_world?.DisposeAsync() ?? ValueTask.CompletedTask);
    }

    /// <summary>Waits until <c>/api/status</c> satisfies <paramref name="done"/>; on timeout shows the last answer and the silo's output.</summary>
    private async Task WaitForStatusAsync(string what, Func<JsonElement, bool> done)
    {
        try
        {
            await Wait.UntilAsync(
                async () =>
                {
                    using var response = await Http.GetAsync(new Uri(Silo.HttpUrl, "api/status"));
                    return (response.IsSuccessStatusCode, Body: await response.Content.ReadAsStringAsync());
                },
                answer => answer.IsSuccessStatusCode && Satisfies(answer.Body, done),
                TimeSpan.FromSeconds(45), what, describe: answer => $"/api/status {answer.Body}", interval: TimeSpan.FromMilliseconds(200));
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException($"{ex.Message}\nSilo output:\n{Silo.Tail()}", ex);
        }
    }

    private static bool Satisfies(string json, Func<JsonElement, bool> done)
    {
        using var document = JsonDocument.Parse(json);
        return done(document.RootElement);
    }

    private static JsonElement? Rollout(JsonElement status, string key) =>
        status.EnumerateArray().Where(r => Str(r, "key") == key).Select(r => (JsonElement?)r).FirstOrDefault();

    private static string? NewestTrigger(JsonElement status, string key) =>
        Rollout(status, key) is { } rollout && rollout.GetProperty("triggers") is { ValueKind: JsonValueKind.Array } triggers
        && triggers.GetArrayLength() > 0 ? Str(triggers[0], "status") : null;

    private static string? LastKnown(JsonElement status, string key) =>
        Rollout(status, key) is { } rollout ? Str(rollout.GetProperty("status"), "lastKnownVersion") : null;

    private static string? Str(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}

[CollectionDefinition(Name)]
public sealed class ScriptedRolloutGroup : ICollectionFixture<ScriptedRolloutFixture>
{
    public const string Name = nameof(ScriptedRolloutGroup);
}
