using AddonGrains.GrainInterfaces;
using AddonGrains.IntegrationTests.Processes;

namespace AddonGrains.IntegrationTests.Reload;

/// <summary>
/// Two silo processes, each reloading its own file, during a rolling update. The newer configuration
/// wins; a silo restarted with the older file (its ConfigMap not yet propagated) never undoes it, and says so.
/// </summary>
[Collection(ReloadProcessGroup.Name)]
public sealed class ClusterConfigVersionTests(PostgresFixture postgres)
{
    private static readonly string[] Clusters = ["v1"];
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RollingUpdate_OlderConfigurationNeverUndoesNewer()
    {
        var dir = Directory.CreateTempSubdirectory("addongrains-versions-").FullName;
        try
        {
            await using var scenario = await ProcessScenario.StartAsync(postgres, TimeSpan.FromMilliseconds(100), Clusters, Ct);
            scenario.SetVersion("1.0.0", Clusters);
            var config = new ReloadConfig(scenario, dir);
            await File.WriteAllTextAsync(config.TokenFile, ProcessScenario.JenkinsToken, Ct);
            var (fileA, fileB) = (Path.Combine(dir, "a.yaml"), Path.Combine(dir, "b.yaml"));
            var older = await config.WriteAsync(fileA, ReloadConfig.Acm("one"));
            await config.WriteAsync(fileB, ReloadConfig.Acm("one"));
            var a = await scenario.StartSiloAsync(fileA, name: "silo-a", ct: Ct);
            await scenario.StartSiloAsync(fileB, name: "silo-b", ct: Ct);
            var registry = (await scenario.ClientAsync(Ct)).GetGrain<IRegistryGrain>(IRegistryGrain.Key);
            await Wait.UntilAsync(async () => await registry.GetConfigHashAsync(Ct) == older, Patience, "the first configuration applied", cancellationToken: Ct);

            // The update reaches silo B first: the cluster moves to the newer configuration (mce added).
            var newer = await config.WriteAsync(fileB, ReloadConfig.Acm("one") + ReloadConfig.Mce);
            await Wait.UntilAsync(async () => await registry.GetConfigHashAsync(Ct) == newer
                && (await registry.GetKeysAsync(Ct)).Contains("fleet/mce"), Patience, "the newer configuration applied", cancellationToken: Ct);

            // Silo A restarts while its file is still the older one: it is refused, the cluster keeps the newer one.
            a.Kill();
            var restarted = await scenario.StartSiloAsync(fileA, name: "silo-a2", ct: Ct);
            await restarted.WaitForLineAsync($"Configuration {older} of this silo is older than the cluster's {newer}", Patience, Ct);
            Assert.Equal(newer, await registry.GetConfigHashAsync(Ct));
            Assert.Contains("fleet/mce", await registry.GetKeysAsync(Ct));
            var validate = await Cli.RunAsync(["validate", "--gateway", restarted.Gateway], ct: Ct);
            Assert.Contains($"configuration {older} is older than the cluster's {newer}", validate.Stdout + validate.Stderr, StringComparison.Ordinal);

            // Its file catches up: nothing changes in the cluster, and the silo no longer reports a difference.
            await config.WriteAsync(fileA, ReloadConfig.Acm("one") + ReloadConfig.Mce);
            await restarted.WaitForLineAsync($"Configuration {newer}: watching 2 organization x add-on pairs", Patience, Ct);
            Assert.Equal(newer, await registry.GetConfigHashAsync(Ct));

            // An edit back to the older content, made on a silo that runs the newer one, is a change like any other.
            await config.WriteAsync(fileB, ReloadConfig.Acm("one"));
            await Wait.UntilAsync(async () => await registry.GetConfigHashAsync(Ct) == older
                && !(await registry.GetKeysAsync(Ct)).Contains("fleet/mce"), Patience, "the edit back applied", cancellationToken: Ct);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
