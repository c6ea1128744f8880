using System.Text.Json;
using System.Text.RegularExpressions;
using AddonGrains.GrainInterfaces;
using AddonGrains.IntegrationTests.Processes;
using AddonGrains.Simulators.Jenkins;

namespace AddonGrains.IntegrationTests.Reload;

/// <summary>
/// Hot reload of the YAML in a real silo process on PostgreSQL. One process run tells the stories in
/// order: add a subscription, change a static parameter and rotate the Jenkins token (file secret), remove a
/// subscription, write a broken file and fix it, and reload on SIGHUP.
/// </summary>
[Collection(ReloadProcessGroup.Name)]
public sealed class HotReloadTests(PostgresFixture postgres)
{
    private const string NewToken = "11rotated0token00000000000000000000";
    private static readonly string[] Clusters = ["r1", "r2"];
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task YamlReload_AddChangeRemoveBreakFixAndSighup_AppliedWithoutRestart()
    {
        var dir = Directory.CreateTempSubdirectory("addongrains-reload-").FullName;
        try
        {
            await using var scenario = await ProcessScenario.StartAsync(postgres, TimeSpan.FromMilliseconds(100), Clusters, Ct);
            scenario.Jenkins.AddJob(new JenkinsSimJob(ReloadConfig.Job) { Parameters = new Dictionary<string, string> { ["TRIGGER_ID"] = "", ["ENV"] = "" } });
            scenario.SetVersion("1.0.0", Clusters);
            foreach (var cluster in Clusters)
            {
                scenario.Ocm.SetAddonInstallation(cluster, "mce", "2.0.0");
            }

            var config = new ReloadConfig(scenario, dir);
            await File.WriteAllTextAsync(config.TokenFile, ProcessScenario.JenkinsToken + "\n", Ct);
            var path = Path.Combine(dir, "addongrains.yaml");
            var first = await config.WriteAsync(path, ReloadConfig.Acm("one"));
            var silo = await scenario.StartSiloAsync(path, name: "reload", ct: Ct);
            await scenario.WaitForStatusAsync(s => s.LastKnownVersion == "1.0.0", "the acm baseline", Ct);
            Assert.Equal(first, (await StatusRowsAsync(silo)).Single().GetProperty("configHash").GetString());

            // Add a subscription: checked (its baseline recorded) and shown by status, without a restart.
            var added = await config.WriteAsync(path, ReloadConfig.Acm("one") + ReloadConfig.Mce);
            await Wait.UntilAsync(async () => (await StatusRowsAsync(silo)).Any(r =>
                r.GetProperty("addon").GetString() == "mce" && r.GetProperty("lastKnownVersion").GetString() == "2.0.0"
                && r.GetProperty("configHash").GetString() == added), Patience, "status to show the added mce subscription, checked", cancellationToken: Ct);

            // Change the static parameter and rotate the Jenkins token: the next trigger carries the new value, with the new token.
            scenario.Jenkins.AddUser("bot", apiToken: NewToken);
            await File.WriteAllTextAsync(config.TokenFile, NewToken + "\n", Ct);
            var changed = await config.WriteAsync(path, ReloadConfig.Acm("two") + ReloadConfig.Mce);
            await silo.WaitForLineAsync($"Configuration {changed} applied", Patience, Ct);
            scenario.SetVersion("1.1.0", Clusters);
            var triggers = await scenario.WaitForTriggersAsync(1, t => t.Request.Event.Version == "1.1.0" && t.Delivery.Status == TriggerStatus.Succeeded, "the 1.1.0 trigger", Ct);
            var build = Assert.Single(scenario.Jenkins.Builds(ReloadConfig.Job));
            Assert.Equal("two", build.Parameters["ENV"]);
            Assert.Equal(triggers[0].Request.TriggerId, build.Parameters["TRIGGER_ID"]);

            // Remove the subscription: the registry drops it and its reminder is unregistered.
            var removed = await config.WriteAsync(path, ReloadConfig.Acm("two"));
            var registry = (await scenario.ClientAsync(Ct)).GetGrain<IRegistryGrain>(IRegistryGrain.Key);
            await Wait.UntilAsync(async () => !(await registry.GetKeysAsync(Ct)).Contains("fleet/mce")
                && await Sql.ScalarAsync<long>(scenario.ConnectionString, "SELECT count(*) FROM orleans_reminders WHERE grain_id LIKE '%fleet/mce%'") == 0,
                Patience, "the mce subscription and its reminder to be gone", cancellationToken: Ct);
            Assert.Equal(removed, await registry.GetConfigHashAsync(Ct));

            // A broken file changes nothing: the errors name the key path, validate and the status page say so, the metric counts it.
            var broken = await config.WriteAsync(path, ReloadConfig.Acm("three"), instance: "ci-typo");
            var error = await silo.WaitForLineAsync("Configuration reload failed", Patience, Ct);
            await silo.WaitForLineAsync("organizations[0].addonUpgradeTests[0].instance: unknown Jenkins instance 'ci-typo' (known: ci)", Patience, Ct);
            Assert.Contains(broken, error, StringComparison.Ordinal);
            var validate = await Cli.RunAsync(["validate", "--gateway", silo.Gateway], ct: Ct);
            Assert.Equal(5, validate.ExitCode);
            Assert.Contains($"the running configuration ({removed}) is not the file's ({broken})", validate.Stdout + validate.Stderr, StringComparison.Ordinal);
            Assert.Contains("unknown Jenkins instance 'ci-typo'", validate.Stdout + validate.Stderr, StringComparison.Ordinal);
            using var http = new HttpClient { BaseAddress = silo.HttpUrl };
            Assert.Contains("id=\"config\"", await http.GetStringAsync("/", Ct), StringComparison.Ordinal);
            Assert.Matches(new Regex(@"^addongrains_config_reload_failures_total(\{[^}]*\})? 1( |$)", RegexOptions.Multiline), await http.GetStringAsync("/metrics", Ct));
            Assert.Matches(new Regex(@"^addongrains_config_reload_failing(\{[^}]*\})? 1( |$)", RegexOptions.Multiline), await http.GetStringAsync("/metrics", Ct));
            Assert.Equal(removed, (await StatusRowsAsync(silo)).Single().GetProperty("configHash").GetString());
            Assert.False(silo.HasExited);

            // Fixing the file applies it (here with a reload interval of an hour, so only SIGHUP reloads after it).
            var fixedHash = await config.WriteAsync(path, ReloadConfig.Acm("three"), reload: "1h");
            await silo.WaitForLineAsync($"Configuration {fixedHash} applied", Patience, Ct);
            var valid = await Cli.RunAsync(["validate", "--gateway", silo.Gateway], ct: Ct);
            Assert.DoesNotContain("is not the file's", valid.Stdout + valid.Stderr, StringComparison.Ordinal);
            Assert.DoesNotContain("id=\"config\"", await http.GetStringAsync("/", Ct), StringComparison.Ordinal);
            Assert.Matches(new Regex(@"^addongrains_config_reload_failing(\{[^}]*\})? 0( |$)", RegexOptions.Multiline), await http.GetStringAsync("/metrics", Ct));

            var signalled = await config.WriteAsync(path, ReloadConfig.Acm("four"), reload: "1h");
            await silo.SignalAsync("HUP", Ct);
            await silo.WaitForLineAsync("SIGHUP: reloading", Patience, Ct);
            await silo.WaitForLineAsync($"Configuration {signalled} applied", Patience, Ct);
            Assert.False(silo.HasExited);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static async Task<List<JsonElement>> StatusRowsAsync(SiloProcess silo)
    {
        var result = await Cli.RunAsync(["status", "-o", "json", "--gateway", silo.Gateway], ct: Ct);
        Assert.True(result.ExitCode == 0, result.Stderr);
        return [.. JsonDocument.Parse(result.Stdout).RootElement.EnumerateArray().Select(e => e.Clone())];
    }
}
