using AddonGrains.GrainInterfaces;
using AddonGrains.IntegrationTests.Processes;
using AddonGrains.Tests.AppInterface;

namespace AddonGrains.IntegrationTests.Reload;

/// <summary>
/// With app-interface: two silo processes read two qontract-servers, one of which still serves an older
/// bundle (a replica that lags, a rolling update). The bundle with the newer commit time wins, whichever silo proposes
/// it first: the silo on the older bundle never undoes the newer one, and says so; a newer commit it reads later applies.
/// </summary>
[Collection(ReloadProcessGroup.Name)]
public sealed class AppInterfaceBundleOrderTests(PostgresFixture postgres)
{
    private static readonly string[] Clusters = ["b1"];
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private const string Reload = "polling: { interval: 1s, rolloutInterval: 1s }\nreload: { interval: 1s }";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TwoSilos_OlderBundleNeverUndoesNewer_NewerCommitAppliesFromEitherSilo()
    {
        var (dirA, dirB) = (Directory.CreateTempSubdirectory("addongrains-ai-order-a-").FullName, Directory.CreateTempSubdirectory("addongrains-ai-order-b-").FullName);
        try
        {
            await using var scenario = await ProcessScenario.StartAsync(postgres, TimeSpan.FromMilliseconds(100), Clusters, Ct);
            scenario.SetVersion("1.0.0", Clusters);
            scenario.Ocm.SetAddonInstallation("b1", "mce", "2.0.0");
            await using var serverA = await scenario.StartAppInterfaceAsync(dirA, Ct);
            await using var serverB = await scenario.StartAppInterfaceAsync(dirB, Ct);
            var acm = new AppInterfaceTest(ProcessScenario.Addon, ProcessScenario.PlainJob);
            var mce = new AppInterfaceTest("mce", ProcessScenario.PlainJob);
            serverA.Publish(200, new AppInterfaceOrg(ProcessScenario.Org, ProcessScenario.OrgId, acm, mce));
            serverB.Publish(100, new AppInterfaceOrg(ProcessScenario.Org, ProcessScenario.OrgId, acm));

            // Silo A reads the newer bundle (commit time 200, acm and mce) and the cluster applies it.
            await scenario.StartSiloAsync(await WriteConfigAsync(serverA, dirA), name: "silo-a", ct: Ct);
            var registry = (await scenario.ClientAsync(Ct)).GetGrain<IRegistryGrain>(IRegistryGrain.Key);
            await Wait.UntilAsync(async () => (await registry.GetKeysAsync(Ct)).Contains("fleet/mce"), Patience, "the newer bundle applied", cancellationToken: Ct);
            var newer = await registry.GetConfigHashAsync(Ct);

            // Silo B starts on server B, which lags (commit time 100, without mce): refused, mce stays.
            var b = await scenario.StartSiloAsync(await WriteConfigAsync(serverB, dirB), name: "silo-b", ct: Ct);
            await b.WaitForLineAsync($"of this silo is older than the cluster's {newer}", Patience, Ct);
            Assert.Equal(newer, await registry.GetConfigHashAsync(Ct));
            Assert.Contains("fleet/mce", await registry.GetKeysAsync(Ct));
            var validate = await Cli.RunAsync(["validate", "--gateway", b.Gateway], ct: Ct);
            Assert.Contains("comes from an app-interface bundle committed at 1970-01-01 00:01:40Z, older than the cluster's", validate.Stdout + validate.Stderr, StringComparison.Ordinal);

            // Server B then serves a newer commit (300) that removes mce: silo B proposes it and it applies.
            serverB.Publish(300, new AppInterfaceOrg(ProcessScenario.Org, ProcessScenario.OrgId, acm));
            await Wait.UntilAsync(async () => !(await registry.GetKeysAsync(Ct)).Contains("fleet/mce") && await registry.GetConfigHashAsync(Ct) != newer,
                Patience, "the newest bundle (from silo B) applied", cancellationToken: Ct);
            var newest = await registry.GetConfigHashAsync(Ct);

            // Silo A restarts while its server still serves commit 200: refused, the cluster keeps the newest.
            var a = scenario.Silos[0];
            a.Kill();
            var restarted = await scenario.StartSiloAsync(Path.Combine(dirA, "addongrains.yaml"), name: "silo-a2", replacing: a, ct: Ct);
            await restarted.WaitForLineAsync($"of this silo is older than the cluster's {newest}", Patience, Ct);
            Assert.Equal(newest, await registry.GetConfigHashAsync(Ct));
            Assert.DoesNotContain("fleet/mce", await registry.GetKeysAsync(Ct));
        }
        finally
        {
            Directory.Delete(dirA, recursive: true);
            Directory.Delete(dirB, recursive: true);
        }
    }

    private static async Task<string> WriteConfigAsync(AppInterfaceWorld world, string dir)
    {
        var path = Path.Combine(dir, "addongrains.yaml");
        await File.WriteAllTextAsync(path, world.Yaml(Reload), Ct);
        return path;
    }
}
