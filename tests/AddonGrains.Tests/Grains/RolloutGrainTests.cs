using AddonGrains.Tests.Support;
using Orleans.Core.Internal;

namespace AddonGrains.Tests.Grains;

[Collection(GrainClusterGroup.Name)]
public sealed class RolloutGrainTests(GrainClusterFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private IRolloutGrain Rollout(string organization, string addon = "acm") =>
        fixture.Grains.GetGrain<IRolloutGrain>(RolloutKey.For(organization, addon));

    private void Fleet(string orgId, string version, params string[] clusters)
    {
        foreach (var c in clusters)
        {
            fixture.Ocm.SetCluster(orgId, c);
            fixture.Ocm.SetAddon(c, "acm", version);
        }
    }

    [Fact]
    public async Task CheckAsync_ScriptedRolloutOverFiveClusters_TriggersEachJobOnceAtConvergence()
    {
        var grain = Rollout("rollout");
        Fleet("org-rollout", "2.8.0", "r1", "r2", "r3", "r4", "r5");

        var baseline = await grain.CheckAsync(Ct);
        var steps = new List<RolloutStatus>();
        foreach (var c in new[] { "r1", "r2", "r3", "r4" })
        {
            fixture.Ocm.SetAddon(c, "acm", "2.9.0", c == "r4" ? "installing" : "ready");
            steps.Add(await grain.CheckAsync(Ct));
        }

        fixture.Ocm.SetAddon("r4", "acm", "2.9.0");
        steps.Add(await grain.CheckAsync(Ct));
        var stillRollingOut = fixture.Triggers.For("rollout").Length;
        fixture.Ocm.SetAddon("r5", "acm", "2.9.0");
        var converged = await grain.CheckAsync(Ct);
        var afterwards = await grain.CheckAsync(Ct);

        Assert.Equal((RolloutPhase.Idle, "2.8.0"), (baseline.Phase, baseline.LastKnownVersion));
        Assert.All(steps, s => Assert.Equal(RolloutPhase.RollingOut, s.Phase));
        Assert.Equal([1, 2, 3, 3, 4], steps.Select(s => s.ClustersOnTarget));
        Assert.Equal(["name-r4", "name-r5"], steps[3].Stragglers.Select(s => s.Name));
        Assert.Equal(0, stillRollingOut);
        Assert.Equal((RolloutPhase.Idle, "2.9.0", 5), (converged.Phase, converged.LastKnownVersion, converged.ClustersOnTarget));
        var triggers = fixture.Triggers.For("rollout");
        Assert.Equal(["api-e2e", "folder/smoke"], triggers.Select(t => t.Job).Order(StringComparer.Ordinal));
        Assert.All(triggers, t => Assert.Equal(("2.9.0", "2.8.0", UpgradeDirection.Upgrade, "org-rollout"), (t.Event.Version, t.Event.PreviousVersion, t.Event.Direction, t.OrgId)));
        Assert.Equal([new JobParameter("ENV", "int")], triggers.Single(t => t.Job == "api-e2e").StaticParameters);
        Assert.Equal(2, triggers.Select(t => t.TriggerId).Distinct().Count());
        Assert.Equal(RolloutPhase.Idle, afterwards.Phase);
        Assert.Equal(2, fixture.Triggers.For("rollout").Length);
        var history = await grain.GetHistoryAsync(Ct);
        Assert.Equal(2, history.Length);
    }

    [Fact]
    public async Task CheckAsync_AfterDeactivation_KeepsLastKnownVersion()
    {
        var grain = Rollout("reactivate");
        Fleet("org-reactivate", "1.4.0", "x1", "x2");
        await grain.CheckAsync(Ct);

        await grain.Cast<IGrainManagementExtension>().DeactivateOnIdle(Ct);
        var reactivated = await grain.GetStatusAsync(Ct);
        Fleet("org-reactivate", "1.5.0", "x1", "x2");
        var upgraded = await grain.CheckAsync(Ct);

        Assert.Equal("1.4.0", reactivated.LastKnownVersion);
        Assert.Null(reactivated.LastCheckAt);
        Assert.Equal("1.5.0", upgraded.LastKnownVersion);
        var trigger = Assert.Single(fixture.Triggers.For("reactivate"));
        Assert.Equal(("1.5.0", "1.4.0"), (trigger.Event.Version, trigger.Event.PreviousVersion));
    }

    [Fact]
    public async Task CheckAsync_NothingChanged_WritesNoState()
    {
        var grain = Rollout("steady");
        Fleet("org-steady", "3.0.0", "s1", "s2", "s3");
        await grain.CheckAsync(Ct);
        await grain.CheckAsync(Ct);
        var before = fixture.Storage.WritesOf("steady/acm");

        for (var i = 0; i < 5; i++)
        {
            fixture.Clock.Advance(TimeSpan.FromMinutes(1));
            await grain.CheckAsync(Ct);
        }

        Assert.True(before >= 1, "the baseline must have been written once");
        Assert.Equal(before, fixture.Storage.WritesOf("steady/acm"));
    }

    [Fact]
    public async Task CheckAsync_TwoAddonsOfOneOrganization_ShareOneListing()
    {
        foreach (var c in new[] { "sh1", "sh2", "sh3" })
        {
            fixture.Ocm.SetCluster("org-shared", c);
            fixture.Ocm.SetAddon(c, "acm", "1.0.0");
            fixture.Ocm.SetAddon(c, "mce", "5.0.0");
        }

        var organization = fixture.Grains.GetGrain<IOrganizationGrain>("shared");
        var first = await organization.ObserveAsync(TimeSpan.FromMinutes(1), Ct);
        var clustersBefore = fixture.Ocm.Requests("clusters");
        var addonsBefore = fixture.Ocm.Requests("addons");

        var second = await organization.ObserveAsync(TimeSpan.FromMinutes(1), Ct);
        var acm = await Rollout("shared", "acm").GetStatusAsync(Ct);

        Assert.Equal(3, first.Clusters.Length);
        Assert.Equal(first.ObservedAt, second.ObservedAt);
        Assert.Equal(clustersBefore, fixture.Ocm.Requests("clusters"));
        Assert.Equal(addonsBefore, fixture.Ocm.Requests("addons"));
        Assert.Equal(RolloutPhase.Unchecked, acm.Phase);
    }

    [Fact]
    public async Task CheckAsync_OcmFails_IsInconclusiveAndRecordsNothing()
    {
        var grain = Rollout("failing");
        Fleet("org-failing", "1.0.0", "f1");
        await grain.CheckAsync(Ct);
        Fleet("org-failing", "2.0.0", "f1");

        fixture.Ocm.FailWith("OCM answered 503 Service Unavailable");
        RolloutStatus failed;
        try
        {
            failed = await grain.CheckAsync(Ct);
        }
        finally
        {
            fixture.Ocm.FailWith(null);
        }

        Assert.Equal(RolloutPhase.Inconclusive, failed.Phase);
        Assert.Equal("1.0.0", failed.LastKnownVersion);
        Assert.Contains("503", failed.LastError, StringComparison.Ordinal);
        Assert.Empty(fixture.Triggers.For("failing"));
    }

    [Fact]
    public async Task RetriggerAsync_WithLastKnownVersion_CreatesManualTriggerWithNewId()
    {
        var grain = Rollout("manual");
        Fleet("org-manual", "7.0.0", "m1");
        await grain.CheckAsync(Ct);

        var refused = await grain.RetriggerAsync("nope", null, Operator, Ct);
        var first = await grain.RetriggerAsync("e2e", null, Operator, Ct);
        var second = await grain.RetriggerAsync("e2e", "ci-int", Operator, Ct);
        var baseline = await grain.SetBaselineAsync("7.1.0", Operator, Ct);

        Assert.False(refused.Accepted);
        Assert.Contains("subscribed: e2e (instance ci-int)", refused.Message, StringComparison.Ordinal);
        Assert.True(first.Accepted && second.Accepted && baseline.Accepted);
        Assert.NotEqual(first.TriggerId, second.TriggerId);
        Assert.All(fixture.Triggers.For("manual"), t => Assert.Equal((UpgradeDirection.Manual, "7.0.0"), (t.Event.Direction, t.Event.Version)));
        Assert.Equal("7.1.0", (await grain.GetStatusAsync(Ct)).LastKnownVersion);
        Assert.Equal(2, fixture.Triggers.For("manual").Length);
    }

    [Fact]
    public async Task ManualActions_AreAuditedNewestFirst_AndNeedAReason()
    {
        var grain = Rollout("audited");
        Fleet("org-audited", "5.0.0", "a1");
        await grain.CheckAsync(Ct);
        var spans = new System.Collections.Concurrent.ConcurrentQueue<System.Diagnostics.Activity>();
        using var listener = new System.Diagnostics.ActivityListener
        {
            ShouldListenTo = s => s.Name == AddonGrains.Grains.Telemetry.Name,
            Sample = (ref _) => System.Diagnostics.ActivitySamplingResult.AllData,
            ActivityStopped = spans.Enqueue,
        };
        System.Diagnostics.ActivitySource.AddActivityListener(listener);

        var noReason = await grain.RetriggerAsync("e2e", null, Operator with { Reason = "  " }, Ct);
        var retrigger = await grain.RetriggerAsync("e2e", null, Operator with { Reason = "rerun\nafter fix", CertificateSubject = "CN=forged" }, Ct);
        await grain.SetBaselineAsync("5.1.0", Operator with { OsUser = "bob" }, Ct);
        var audit = await grain.GetManualActionsAsync(Ct);

        Assert.False(noReason.Accepted);
        Assert.Contains("reason", noReason.Message, StringComparison.Ordinal);
        Assert.Equal([ManualActionEntry.Baseline, ManualActionEntry.Retrigger], audit.Select(a => a.Action));
        Assert.Equal(("5.1.0", "5.0.0", "bob@host-1 (unauthenticated)", false), (audit[0].Version, audit[0].PreviousVersion, audit[0].Actor, audit[0].Authenticated));
        // Without TLS a certificate subject sent by the client proves nothing: the actor stays the unauthenticated user.
        Assert.Equal((retrigger.TriggerId, "alice@host-1 (unauthenticated)", "rerunafter fix"), (audit[1].TriggerId, audit[1].Actor, audit[1].Reason));
        var span = Assert.Single(spans, a => a.OperationName == "manual.baseline" && (string?)a.GetTagItem("addongrains.organization") == "audited");
        Assert.Equal(("bob@host-1 (unauthenticated)", "test"), ((string?)span.GetTagItem("addongrains.manual.actor"), (string?)span.GetTagItem("addongrains.manual.reason")));
    }

    private static OperatorRequest Operator { get; } = new("test", "alice", "host-1", null);
}
