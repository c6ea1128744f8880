using AddonGrains.Simulators.Ocm;

namespace AddonGrains.Tests.EndToEnd;

/// <summary>
/// OCM faults on about 30 % of requests (503, 429 with Retry-After, malformed JSON, slow answers)
/// across a long rollout, through the real client and simulator: never a trigger before the last cluster is truly
/// ready, and exactly one once it is and OCM answers again.
/// </summary>
[Collection(EndToEndGroup.Name)]
[Trait("Category", "Chaos")]
public sealed class OcmChaosTests(EndToEndFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task LongRolloutWithOcmFaults_NeverTriggersEarlyAndTriggersOnceAfterRecovery()
    {
        var seed = Environment.TickCount & 0xFFFF;
        Console.WriteLine($"OCM chaos seed {seed}");
        TestContext.Current.SendDiagnosticMessage($"OCM chaos seed {seed}");
        var clusters = Enumerable.Range(1, 6).Select(i => $"oc-{i}").ToArray();
        var grain = fixture.Grains.GetGrain<IRolloutGrain>(RolloutKey.For("e2e-ocm-chaos", "acm"));
        fixture.Fleet("org-ocm-chaos", "5.0.0", clusters);
        await grain.CheckAsync(Ct);
        var phases = new List<RolloutPhase>();
        try
        {
            foreach (var route in new[] { OcmRoutes.Clusters, OcmRoutes.ServiceAddons, OcmRoutes.AddonStatus })
            {
                fixture.Ocm.InjectFault(route, OcmFault.Status(503), 0.10, seed);
                fixture.Ocm.InjectFault(route, OcmFault.Status(429, TimeSpan.FromMilliseconds(50)), 0.08, seed + 1);
                fixture.Ocm.InjectFault(route, OcmFault.Malformed(), 0.08, seed + 2);
                fixture.Ocm.InjectFault(route, OcmFault.Delay(TimeSpan.FromMilliseconds(300)), 0.05, seed + 3);
            }

            foreach (var cluster in clusters)
            {
                fixture.Ocm.SetAddonInstallation(cluster, "acm", "5.1.0", "installing");
                phases.Add((await grain.CheckAsync(Ct)).Phase);
                fixture.Ocm.SetAddonInstallation(cluster, "acm", "5.1.0", cluster == clusters[^1] ? "installing" : "ready");
                phases.Add((await grain.CheckAsync(Ct)).Phase);
                phases.Add((await grain.CheckAsync(Ct)).Phase);
            }

            Assert.Empty(await grain.GetHistoryAsync(Ct));
            fixture.Ocm.SetAddonInstallation(clusters[^1], "acm", "5.1.0");
            await Wait.UntilAsync(() => grain.CheckAsync(Ct), s => s.LastKnownVersion == "5.1.0", TimeSpan.FromSeconds(60), "convergence despite faults", cancellationToken: Ct);
        }
        finally
        {
            fixture.Ocm.ClearFaults();
        }

        await grain.CheckAsync(Ct);
        var history = await Wait.UntilAsync(() => grain.GetHistoryAsync(Ct), h => h.Length == 1 && h[0].Delivery.Status == TriggerStatus.Succeeded,
            TimeSpan.FromSeconds(30), "the one trigger to finish", cancellationToken: Ct);
        Console.WriteLine($"OCM chaos: {phases.Count(p => p == RolloutPhase.Inconclusive)} of {phases.Count} checks inconclusive during the rollout");
        Assert.DoesNotContain(RolloutPhase.Idle, phases);
        Assert.Equal("5.1.0", history[0].Request.Event.Version);
        Assert.Single(fixture.Jenkins.Builds("chaos"));
    }

    [Fact]
    public async Task JenkinsRejectsCredentials_TriggerRetriesAsAuthErrorWhileOtherJobFiresOnce()
    {
        var grain = fixture.Grains.GetGrain<IRolloutGrain>(RolloutKey.For("e2e-auth", "acm"));
        fixture.Fleet("org-auth", "6.0.0", "au-1");
        await grain.CheckAsync(Ct);

        fixture.Fleet("org-auth", "6.1.0", "au-1");
        await grain.CheckAsync(Ct);
        var history = await Wait.UntilAsync(() => grain.GetHistoryAsync(Ct),
            h => h.Length == 2 && h.Any(t => t.Request.Job == "auth-other" && t.Delivery.Status == TriggerStatus.Succeeded)
                && h.Any(t => t.Request.Instance == "ci-bad" && t.Delivery.LastError is not null), TimeSpan.FromSeconds(30), "auth failure recorded, other job done", cancellationToken: Ct);

        var rejected = history.Single(t => t.Request.Instance == "ci-bad");
        Assert.Equal(TriggerStatus.Pending, rejected.Delivery.Status);
        Assert.StartsWith("authentication/permission error", rejected.Delivery.LastError, StringComparison.Ordinal);
        Assert.DoesNotContain("11wrong0token", rejected.Delivery.LastError, StringComparison.Ordinal);
        Assert.Single(fixture.Jenkins.Builds("auth-other"));
        Assert.Contains(fixture.Jenkins.Requests, r => r.Status == 401 && r.RawPath.StartsWith("/job/api-e2e/", StringComparison.Ordinal));
    }
}
