using AddonGrains.GrainInterfaces;
using AddonGrains.IntegrationTests.Abuse;
using AddonGrains.IntegrationTests.Crashes;
using AddonGrains.IntegrationTests.Processes;
using AddonGrains.Simulators.Ocm;

namespace AddonGrains.IntegrationTests.Cluster;

/// <summary>
/// Silos on separate hosts. Three processes on 127.0.0.2/.3/.4 with the same ports form one cluster; each
/// advertises its own address (before, all said 127.0.0.1 and the newest declared the others "older clones" of itself).
/// </summary>
[Collection(ClusterProcessGroup.Name)]
[Trait("Category", "Cluster")]
public sealed class MultiAddressTests(PostgresFixture postgres)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ThreeHostsSamePorts_FormOneCluster_AndRolloutConvergesWhileSilosAreKilledOneAtATime()
    {
        await using var scenario = await ProcessScenario.StartAsync(postgres, TimeSpan.FromMilliseconds(300), ThreeHosts.Clusters, Ct);
        scenario.SetVersion("1.0.0", ThreeHosts.Clusters);
        var silos = await ThreeHosts.StartAsync(scenario, ThreeHosts.Addresses, Ct);

        var active = await ThreeHosts.WaitForActiveAsync(scenario, ThreeHosts.Addresses, "three Active silos");
        var port = silos[0].SiloPort;
        Assert.Equal(ThreeHosts.Addresses.Select(a => $"{a}:{port}"), active.Select(s => s.GetProperty("address").GetString()).Order(StringComparer.Ordinal));
        Assert.Equal(ThreeHosts.Addresses.Select(a => $"{a}:{silos[0].GatewayPort}"), active.Select(s => s.GetProperty("gateway").GetString()).Order(StringComparer.Ordinal));
        Assert.All(silos, s => Assert.Contains($"advertises silo endpoint {s.Host}:{port}", string.Join('\n', s.Output), StringComparison.Ordinal));
        Assert.All(silos, s => Assert.DoesNotContain(s.Output, l => l.Contains("older version of myself", StringComparison.Ordinal)));
        await scenario.WaitForStatusAsync(s => s.LastKnownVersion == "1.0.0", "the baseline", Ct);
        using (var http = new HttpClient())
        {
            Assert.Matches(@"(?m)^addongrains_silo_active(\{[^}]*\})? 1$", await http.GetStringAsync(new Uri(silos[1].HttpUrl, "metrics"), Ct));
        }

        // The rollout moves one cluster at a time; before each move one more silo is SIGKILLed (never the last), and
        // the next kill waits until the cluster has declared it Dead (the careful order for planned work; MajorityLossTests
        // kills two without waiting, docs/operations.md, "failure detection").
        for (var i = 0; i < ThreeHosts.Clusters.Length; i++)
        {
            if (i > 0)
            {
                var checks = scenario.Ocm.RequestCount(OcmRoutes.Clusters);
                var killed = silos[i - 1];
                killed.Kill();
                await scenario.WaitAsync(() => Task.FromResult(scenario.Ocm.RequestCount(OcmRoutes.Clusters) > checks + 1),
                    TimeSpan.FromSeconds(90), $"checks go on after {killed.Host} was killed", Ct);
                await scenario.WaitAsync(async () => (await ThreeHosts.SilosAsync(scenario)).Any(s =>
                        s.GetProperty("address").GetString() == $"{killed.Host}:{killed.SiloPort}" && s.GetProperty("status").GetString() == "Dead"),
                    TimeSpan.FromSeconds(90), $"{killed.Host} declared Dead", Ct);
            }

            scenario.SetVersion("2.0.0", ThreeHosts.Clusters[i]);
        }

        var history = await scenario.WaitForTriggersAsync(2, t => t.Request.Event.Version == "2.0.0" && SiloCrashTests.Finished(t), "both triggers finished", Ct);
        Assert.Equal(2, history.Length);
        Assert.All(history, t => Assert.Equal(TriggerStatus.Succeeded, t.Delivery.Status));
        Assert.Single(scenario.Jenkins.Builds(ProcessScenario.ParameterizedJob));
        Assert.Single(scenario.Jenkins.Builds(ProcessScenario.PlainJob));

        await Wait.UntilAsync(async () => (await ThreeHosts.SilosAsync(scenario)).Count(s => s.GetProperty("status").GetString() == "Dead") == 2,
            TimeSpan.FromSeconds(90), "the two killed silos shown Dead", cancellationToken: Ct);
        var members = await ThreeHosts.SilosAsync(scenario);
        Assert.Equal($"{ThreeHosts.Addresses[2]}:{port}", Assert.Single(members, s => s.GetProperty("status").GetString() == "Active").GetProperty("address").GetString());
    }

    [Theory]
    [InlineData("Orleans__AdvertisedIP", "10.0.0.300", "error: Orleans__AdvertisedIP='10.0.0.300' is not an IP address or 'auto'")]
    [InlineData("POD_IP", "my-pod", "error: POD_IP='my-pod' is not an IP address")]
    public async Task Silo_WithBadAddress_ExitsWith2NamingTheVariable(string name, string value, string message)
    {
        var run = await SiloRun.RunAsync([], "", new Dictionary<string, string> { [name] = value }, TimeSpan.FromSeconds(60), RepoPaths.DemoDll);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(message, run.Stderr, StringComparison.Ordinal);
    }
}
