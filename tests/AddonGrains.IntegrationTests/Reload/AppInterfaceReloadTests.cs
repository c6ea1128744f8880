using System.Text.Json;
using AddonGrains.GrainInterfaces;
using AddonGrains.IntegrationTests.Processes;
using AddonGrains.Tests.AppInterface;

namespace AddonGrains.IntegrationTests.Reload;

/// <summary>
/// A real silo process on PostgreSQL configured from app-interface (qontract-server and Vault simulators).
/// One run tells the stories through bundle swaps: add a subscription, a rotated Jenkins token in Vault, a job moved to
/// another Jenkins job, a Vault outage at reload (the last good configuration stays, no subscription is dropped), and
/// then the removal it held back. (app-interface has no static job parameters; the file stories cover those.)
/// </summary>
[Collection(ReloadProcessGroup.Name)]
public sealed class AppInterfaceReloadTests(PostgresFixture postgres)
{
    private const string NewToken = "11vault0rotated0token0000000000000";
    private static readonly string[] Clusters = ["a1", "a2"];
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AppInterfaceReload_AddRotateMoveOutageRemove_AppliedWithoutRestart()
    {
        var dir = Directory.CreateTempSubdirectory("addongrains-ai-reload-").FullName;
        try
        {
            await using var scenario = await ProcessScenario.StartAsync(postgres, TimeSpan.FromMilliseconds(100), Clusters, Ct);
            scenario.SetVersion("1.0.0", Clusters);
            foreach (var cluster in Clusters)
            {
                scenario.Ocm.SetAddonInstallation(cluster, "mce", "2.0.0");
            }

            await using var world = await scenario.StartAppInterfaceAsync(dir, Ct);
            var acm = new AppInterfaceTest(ProcessScenario.Addon, ProcessScenario.PlainJob);
            var mce = new AppInterfaceTest("mce", ProcessScenario.PlainJob);
            world.Publish(100, new AppInterfaceOrg(ProcessScenario.Org, ProcessScenario.OrgId, acm), new AppInterfaceOrg("quiet", "org-quiet"));
            var path = Path.Combine(dir, "addongrains.yaml");
            await File.WriteAllTextAsync(path, world.Yaml("polling: { interval: 1s, rolloutInterval: 1s }\nreload: { interval: 1s }"), Ct);
            var silo = await scenario.StartSiloAsync(path, name: "appinterface", ct: Ct);
            await scenario.WaitForStatusAsync(s => s.LastKnownVersion == "1.0.0", "the acm baseline", Ct);
            var first = (await StatusRowsAsync(silo)).Single().GetProperty("configHash").GetString();
            await Wait.UntilAsync(async () => await SiloConfigHashAsync(silo) == first, Patience, "silos to show the silo's configuration hash", cancellationToken: Ct);

            // A new bundle adds a subscription: checked and shown by status, without a restart.
            world.Publish(200, new AppInterfaceOrg(ProcessScenario.Org, ProcessScenario.OrgId, acm, mce));
            await Wait.UntilAsync(async () => (await StatusRowsAsync(silo)).Any(r =>
                r.GetProperty("addon").GetString() == "mce" && r.GetProperty("lastKnownVersion").GetString() == "2.0.0"
                && r.GetProperty("configHash").GetString() != first), Patience, "status to show the mce subscription from the new bundle", cancellationToken: Ct);
            var second = (await StatusRowsAsync(silo)).First().GetProperty("configHash").GetString();

            // The Jenkins token is rotated in Vault (the old one stops working): the next trigger uses the new one.
            scenario.Jenkins.AddUser("bot", apiToken: NewToken);
            world.SetJenkinsToken(NewToken);
            await silo.WaitForLineAsync($"Configuration {second} applied (was {second})", Patience, Ct); // same bundle, new secret
            scenario.SetVersion("1.1.0", Clusters);
            await scenario.WaitForTriggersAsync(1, t => t.Request.Event.Version == "1.1.0" && t.Delivery.Status == TriggerStatus.Succeeded, "the 1.1.0 trigger with the rotated token", Ct);

            // A bundle points acm at another job: the next trigger goes there (with its declared parameters).
            var moved = new AppInterfaceTest(ProcessScenario.Addon, ProcessScenario.ParameterizedJob);
            world.Publish(250, new AppInterfaceOrg(ProcessScenario.Org, ProcessScenario.OrgId, moved, mce));
            await Wait.UntilAsync(async () => (await StatusRowsAsync(silo)).All(r => r.GetProperty("configHash").GetString() != second),
                Patience, "the bundle that moves acm to another job to be applied", cancellationToken: Ct);
            scenario.SetVersion("1.2.0", Clusters);
            await scenario.WaitForTriggersAsync(1, t => t.Request.Event.Version == "1.2.0" && t.Delivery.Status == TriggerStatus.Succeeded, "the 1.2.0 trigger on the new job", Ct);
            var build = Assert.Single(scenario.Jenkins.Builds(ProcessScenario.ParameterizedJob));
            Assert.Equal("1.2.0", build.Parameters["ADDON_VERSION"]);
            Assert.Single(scenario.Jenkins.Builds(ProcessScenario.PlainJob)); // only the 1.1.0 one

            // Vault is down when a bundle that removes mce arrives: the reload fails, the running configuration stays.
            world.Vault.Unavailable = true;
            world.Publish(300, new AppInterfaceOrg(ProcessScenario.Org, ProcessScenario.OrgId, moved));
            await silo.WaitForLineAsync("Configuration reload failed", Patience, Ct);
            var registry = (await scenario.ClientAsync(Ct)).GetGrain<IRegistryGrain>(IRegistryGrain.Key);
            Assert.Contains("fleet/mce", await registry.GetKeysAsync(Ct));
            Assert.Contains(await StatusRowsAsync(silo), r => r.GetProperty("addon").GetString() == "mce");
            Assert.False(silo.HasExited);
            var validate = await Cli.RunAsync(["validate", "--gateway", silo.Gateway], ct: Ct);
            Assert.Contains("is not app-interface's", validate.Stdout + validate.Stderr, StringComparison.Ordinal);
            Assert.DoesNotContain("the file is invalid", validate.Stdout + validate.Stderr, StringComparison.Ordinal);

            // Vault is back: the bundle applies, mce and its reminder are gone.
            world.Vault.Unavailable = false;
            await Wait.UntilAsync(async () => !(await registry.GetKeysAsync(Ct)).Contains("fleet/mce")
                && await Sql.ScalarAsync<long>(scenario.ConnectionString, "SELECT count(*) FROM orleans_reminders WHERE grain_id LIKE '%fleet/mce%'") == 0,
                Patience, "the mce subscription and its reminder to be gone", cancellationToken: Ct);
            var log = string.Join('\n', silo.Output);
            Assert.DoesNotContain(NewToken, log, StringComparison.Ordinal);
            Assert.DoesNotContain(scenario.OcmSecret, log, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static async Task<string?> SiloConfigHashAsync(SiloProcess silo)
    {
        var result = await Cli.RunAsync(["silos", "-o", "json", "--gateway", silo.Gateway], ct: Ct);
        Assert.True(result.ExitCode == 0, result.Stderr);
        return JsonDocument.Parse(result.Stdout).RootElement.EnumerateArray().Single().GetProperty("configHash").GetString();
    }

    private static async Task<List<JsonElement>> StatusRowsAsync(SiloProcess silo)
    {
        var result = await Cli.RunAsync(["status", "-o", "json", "--gateway", silo.Gateway], ct: Ct);
        Assert.True(result.ExitCode == 0, result.Stderr);
        return [.. JsonDocument.Parse(result.Stdout).RootElement.EnumerateArray().Select(e => e.Clone())];
    }
}
