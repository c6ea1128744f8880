using AddonGrains.Grains.Triggers;
using AddonGrains.Simulators.Jenkins;
using Orleans.Core.Internal;

namespace AddonGrains.Tests.EndToEnd;

[Collection(EndToEndGroup.Name)]
public sealed class TriggerPipelineTests(EndToEndFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private IRolloutGrain Rollout(string organization) => fixture.Grains.GetGrain<IRolloutGrain>(RolloutKey.For(organization, "acm"));

    private async Task<ImmutableArray<TriggerSnapshot>> UpgradeAndWaitAsync(string organization, string orgId, int jobs)
    {
        var grain = Rollout(organization);
        fixture.Fleet(orgId, "1.0.0", $"{orgId}-a", $"{orgId}-b");
        await grain.CheckAsync(Ct);
        fixture.Fleet(orgId, "1.1.0", $"{orgId}-a", $"{orgId}-b");
        await grain.CheckAsync(Ct);
        return await Wait.UntilAsync(() => grain.GetHistoryAsync(Ct),
            h => h.Length == jobs && h.All(t => t.Delivery.Status.IsFinished()), TimeSpan.FromSeconds(30), $"{jobs} finished triggers of {organization}", cancellationToken: Ct);
    }

    [Fact]
    public async Task Convergence_ThroughBothSimulators_RunsOneBuildPerJobAndRecordsSuccess()
    {
        var history = await UpgradeAndWaitAsync("e2e-ok", "org-ok", 2);

        var parameterized = history.Single(t => t.Request.Job == "api-e2e");
        var plain = history.Single(t => t.Request.Job == "qe/plain job");
        Assert.Equal((TriggerStatus.Succeeded, "SUCCESS", UpgradeDirection.Upgrade, "1.0.0"),
            (parameterized.Delivery.Status, parameterized.Delivery.Result, parameterized.Request.Event.Direction, parameterized.Request.Event.PreviousVersion));
        Assert.Equal(TriggerStatus.Succeeded, plain.Delivery.Status);
        Assert.NotNull(parameterized.Delivery.BuildUrl);
        var build = Assert.Single(fixture.Jenkins.Builds("api-e2e"), b => b.Parameters.GetValueOrDefault("TRIGGER_ID") == parameterized.Request.TriggerId);
        Assert.Equal("1.1.0", build.Parameters["ADDON_VERSION"]);
        Assert.Equal("1.0.0", build.Parameters["PREVIOUS_ADDON_VERSION"]);
        Assert.Equal("upgrade", build.Parameters["UPGRADE_DIRECTION"]);
        Assert.Equal("integration", build.Parameters["ENV"]);
        Assert.False(build.Parameters.ContainsKey("UNDECLARED"));
        Assert.Single(fixture.Jenkins.Builds("qe/plain job"));
        Assert.Contains(fixture.Jenkins.Requests, r => r.Method == "POST" && r.RawPath == "/job/qe/job/plain%20job/build");
    }

    [Fact]
    public async Task Convergence_WhenBuildFails_RecordsFailed()
    {
        var history = await UpgradeAndWaitAsync("e2e-fail", "org-fail", 1);

        Assert.Equal((TriggerStatus.Failed, "FAILURE"), (history[0].Delivery.Status, history[0].Delivery.Result));
    }

    [Fact]
    public async Task Convergence_MissingAndDisabledJobs_FailDeliveryWhileTheOtherJobFiresOnce()
    {
        var before = fixture.Jenkins.Builds("api-e2e").Count;

        var history = await UpgradeAndWaitAsync("e2e-broken", "org-broken", 3);

        var missing = history.Single(t => t.Request.Job == "missing");
        var disabled = history.Single(t => t.Request.Job == "disabled");
        Assert.Equal(TriggerStatus.DeliveryFailed, missing.Delivery.Status);
        Assert.Contains("not found", missing.Delivery.LastError, StringComparison.Ordinal);
        Assert.Equal(TriggerStatus.DeliveryFailed, disabled.Delivery.Status);
        Assert.Contains("disabled", disabled.Delivery.LastError, StringComparison.Ordinal);
        Assert.Equal(TriggerStatus.Succeeded, history.Single(t => t.Request.Job == "api-e2e").Delivery.Status);
        Assert.Equal(before + 1, fixture.Jenkins.Builds("api-e2e").Count);
    }

    [Fact]
    public async Task Convergence_WhileJenkinsIsDown_BuildsExactlyOnceAfterRecovery()
    {
        var grain = Rollout("e2e-outage");
        fixture.Fleet("org-outage", "1.0.0", "out-a");
        await grain.CheckAsync(Ct);
        fixture.Jenkins.InjectFault(new JenkinsSimFault { PathContains = "/job/outage", StatusCode = 503, Count = 12 });
        try
        {
            fixture.Fleet("org-outage", "1.1.0", "out-a");
            await grain.CheckAsync(Ct);
            var retrying = await Wait.UntilAsync(() => grain.GetHistoryAsync(Ct), h => h.Length == 1 && h[0].Delivery.LastError is not null,
                TimeSpan.FromSeconds(20), "the trigger to record the outage", cancellationToken: Ct);
            Assert.Equal(TriggerStatus.Pending, retrying[0].Delivery.Status);
        }
        finally
        {
            fixture.Jenkins.ClearFaults();
        }

        var history = await Wait.UntilAsync(() => grain.GetHistoryAsync(Ct), h => h[0].Delivery.Status == TriggerStatus.Succeeded,
            TimeSpan.FromSeconds(30), "delivery after recovery", cancellationToken: Ct);

        Assert.Single(fixture.Jenkins.Builds("outage"));
        Assert.Null(history[0].Delivery.LastError);
        Assert.True(history[0].Delivery.Attempts >= 1);
    }

    [Fact]
    public async Task Dispatch_CrashAfterPostBeforeStateWrite_FindsTheBuildByTriggerIdAndNeverPostsTwice()
    {
        var grain = Rollout("e2e-crash");
        fixture.Fleet("org-crash", "1.0.0", "cr-a");
        await grain.CheckAsync(Ct);
        var triggerId = TriggerIds.For("sim", "org-crash", "acm", 2, "ci", "crashy");
        fixture.Probe.ArmOnce(triggerId, DeliveryPoint.AfterPost);
        fixture.Fleet("org-crash", "1.1.0", "cr-a");

        await Assert.ThrowsAnyAsync<Exception>(() => grain.CheckAsync(Ct));
        await Wait.UntilAsync(() => fixture.Jenkins.Builds("crashy").Count == 1, TimeSpan.FromSeconds(20), "the first build to start", cancellationToken: Ct);
        await fixture.Grains.GetGrain<ITriggerGrain>(triggerId).Cast<IGrainManagementExtension>().DeactivateOnIdle(Ct);
        await grain.CheckAsync(Ct);
        var history = await Wait.UntilAsync(() => grain.GetHistoryAsync(Ct), h => h.Length == 1 && h[0].Delivery.Status == TriggerStatus.Succeeded,
            TimeSpan.FromSeconds(30), "the adopted build to finish", cancellationToken: Ct);

        var builds = fixture.Jenkins.Builds("crashy");
        Assert.Equal(triggerId, Assert.Single(builds).Parameters["TRIGGER_ID"]);
        Assert.Single(fixture.Jenkins.Requests, r => r.Method == "POST" && r.RawPath.StartsWith("/job/crashy/build", StringComparison.Ordinal));
        Assert.Equal(1, history[0].Delivery.Attempts);
    }
}
