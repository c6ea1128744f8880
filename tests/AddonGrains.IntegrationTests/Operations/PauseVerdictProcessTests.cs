using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using AddonGrains.GrainInterfaces;
using AddonGrains.IntegrationTests.Crashes;
using AddonGrains.IntegrationTests.Processes;
using static AddonGrains.IntegrationTests.Processes.ProcessScenario;

namespace AddonGrains.IntegrationTests.Operations;

/// <summary>
/// Pause and verdict on a real silo process, PostgreSQL and the CLI process: a convergence seen while paused is held
/// across a silo restart, resume delivers it once, and the verdict follows over the CLI, HTTP and <c>/metrics</c>.
/// </summary>
[Collection(RestartProcessGroup.Name)]
public sealed class PauseVerdictProcessTests(PostgresFixture postgres)
{
    private static readonly string[] Clusters = ["c1", "c2"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<Cli.Result> RunAsync(SiloProcess silo, params string[] arguments) => Cli.RunAsync(["--gateway", silo.Gateway, .. arguments], ct: Ct);

    private static bool HasSample(string metrics, string name, string value, params string[] labels) =>
        metrics.Split('\n').Any(l => l.StartsWith(name + "{", StringComparison.Ordinal) && labels.All(x => l.Contains(x, StringComparison.Ordinal))
            && l.Split('}')[^1].Trim().Split(' ')[0] == value);

    [Fact]
    public async Task PausedSiloRestarted_KeepsPauseAndHeldTriggers_ResumeDeliversOnce_VerdictOverCliHttpAndMetrics()
    {
        await using var scenario = await StartAsync(postgres, TimeSpan.FromMilliseconds(200), Clusters, Ct);
        using var http = new HttpClient();
        scenario.SetVersion("1.0.0", Clusters);
        var silo = await scenario.StartSiloAsync(ct: Ct);
        await scenario.WaitForStatusAsync(s => s.LastKnownVersion == "1.0.0", "the baseline", Ct);
        var none = await RunAsync(silo, "verdict", Org, Addon);
        var unknown = await RunAsync(silo, "verdict", Org, Addon, "--version", "9.9.9");
        var pause = await RunAsync(silo, "pause", Org, Addon, "--reason", "change freeze", "--yes");

        scenario.SetVersion("1.1.0", Clusters);
        var held = await scenario.WaitForStatusAsync(s => s.LastKnownVersion == "1.1.0", "the convergence seen while paused", Ct);
        var pending = await RunAsync(silo, "verdict", Org, Addon);
        var page = await http.GetStringAsync(silo.HttpUrl, Ct);
        var pausedMetrics = await Wait.UntilAsync(() => http.GetStringAsync(new Uri(silo.HttpUrl, "metrics"), Ct),
            m => HasSample(m, "addongrains_rollout_paused", "1", $"organization=\"{Org}\"") && HasSample(m, "addongrains_version_verdict", "1", "version=\"1.1.0\"", "verdict=\"pending\""),
            TimeSpan.FromSeconds(60), "the paused and verdict gauges", cancellationToken: Ct);

        silo.Kill();
        var restarted = await scenario.StartSiloAsync(name: "silo-restarted", replacing: silo, ct: Ct);
        var afterRestart = await scenario.WaitForStatusAsync(s => s.LastCheckAt is not null, "a check on the restarted silo", Ct);
        var buildsWhilePaused = scenario.Jenkins.Builds(ParameterizedJob).Count + scenario.Jenkins.Builds(PlainJob).Count;
        var resume = await RunAsync(restarted, "resume", Org, Addon, "--reason", "freeze over", "--yes");
        var passed = await RunAsync(restarted, "verdict", Org, Addon, "--version", "1.1.0", "--wait", "2m", "-o", "json");
        using var api = await http.GetAsync(new Uri(restarted.HttpUrl, $"api/verdicts/{Org}/{Addon}/1.1.0"), Ct);
        using var apiLatest = await http.GetAsync(new Uri(restarted.HttpUrl, $"api/verdicts/{Org}/{Addon}"), Ct);
        using var apiUnknown = await http.GetAsync(new Uri(restarted.HttpUrl, $"api/verdicts/{Org}/{Addon}/9.9.9"), Ct);
        var history = await scenario.WaitForTriggersAsync(2, SiloCrashTests.Finished, "both held triggers to finish", Ct);

        Assert.Equal((8, 2, 0), (none.ExitCode, unknown.ExitCode, pause.ExitCode));
        Assert.Contains("1.0.0: none", none.Stdout, StringComparison.Ordinal);
        Assert.Equal((RolloutPhase.Paused, 2), (held.Phase, held.HeldTriggers));
        Assert.Equal("change freeze", held.Pause!.Reason);
        Assert.Equal(7, pending.ExitCode);
        Assert.Contains("data-phase=\"Paused\"", page, StringComparison.Ordinal);
        Assert.Contains("change freeze (2 held triggers)", page, StringComparison.Ordinal);
        Assert.True(HasSample(pausedMetrics, "addongrains_rollout_paused", "1", $"addon=\"{Addon}\""));
        Assert.Equal((RolloutPhase.Paused, 2, "1.1.0"), (afterRestart.Phase, afterRestart.HeldTriggers, afterRestart.LastKnownVersion));
        Assert.Equal(0, buildsWhilePaused);
        Assert.Equal(0, resume.ExitCode);
        Assert.Contains("resumed: 2 held trigger(s)", resume.Stdout, StringComparison.Ordinal);
        Assert.Equal(0, passed.ExitCode);
        var json = JsonDocument.Parse(passed.Stdout).RootElement;
        Assert.Equal("passed", json.GetProperty("verdict").GetString());
        Assert.All(json.GetProperty("jobs").EnumerateArray(), j =>
        {
            Assert.Equal(("Succeeded", "SUCCESS"), (j.GetProperty("status").GetString(), j.GetProperty("result").GetString()));
            Assert.StartsWith(scenario.Jenkins.BaseUrl.ToString(), j.GetProperty("buildUrl").GetString(), StringComparison.Ordinal);
        });
        Assert.Equal(HttpStatusCode.OK, api.StatusCode);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(passed.Stdout), JsonNode.Parse(await api.Content.ReadAsStringAsync(Ct))), "the API and the CLI answer the same JSON");
        Assert.Equal(HttpStatusCode.OK, apiLatest.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, apiUnknown.StatusCode);
        Assert.Equal("unknown", JsonDocument.Parse(await apiUnknown.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("verdict").GetString());
        Assert.All(history.Take(2), t => Assert.Equal(TriggerStatus.Succeeded, t.Delivery.Status));
        Assert.Single(scenario.Jenkins.Builds(ParameterizedJob));
        Assert.Single(scenario.Jenkins.Builds(PlainJob));
    }
}
