using AddonGrains.Simulators.Ocm;

namespace AddonGrains.Tests.EndToEnd;

/// <summary>
/// Reads never wait behind a check. The check is held inside an OCM answer on a gate the test controls;
/// every read must answer while the gate is still closed (nothing here depends on timing: without interleaving the
/// reads could only finish after the gate opens).
/// </summary>
[Collection(HistoryGroup.Name)]
public sealed class ReadsDuringCheckTests(HistoryFixture fixture)
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Reads_WhileACheckIsHeldInsideAnOcmAnswer_AnswerBeforeTheCheckEnds()
    {
        var grain = fixture.Rollout("held");
        fixture.Fleet("org-held", "3.0.0", "h1", "h2");
        var first = await grain.CheckAsync(Ct);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var listingsBefore = fixture.Ocm.RequestCount(OcmRoutes.Clusters);
        fixture.Ocm.InjectFault(OcmRoutes.Clusters, OcmFault.HeldUntil(gate.Task));
        Task<RolloutStatus> check;
        RolloutStatus status;
        ImmutableArray<ClusterStatus> clusters;
        TriggerHistoryPage history;
        RolloutLookup lookup;
        try
        {
            check = grain.CheckAsync(Ct);
            await Wait.UntilAsync(() => fixture.Ocm.RequestCount(OcmRoutes.Clusters) > listingsBefore, Bound, "the check to reach OCM", cancellationToken: Ct);

            status = await grain.GetStatusAsync(Ct).WaitAsync(Bound, Ct);
            clusters = await grain.GetClustersAsync(Ct).WaitAsync(Bound, Ct);
            history = await grain.GetHistoryPageAsync(20, null, Ct).WaitAsync(Bound, Ct);
            lookup = await fixture.Grains.GetGrain<IRegistryGrain>(IRegistryGrain.Key).FindAsync("org-held", "acm", Ct).WaitAsync(Bound, Ct);

            Assert.False(check.IsCompleted, "the check must still be held inside the OCM answer");
        }
        finally
        {
            gate.TrySetResult();
        }

        var after = await check.WaitAsync(Bound, Ct);
        Assert.Equal((RolloutPhase.Idle, "3.0.0"), (status.Phase, status.LastKnownVersion));
        Assert.Equal(first.LastCheckAt, status.LastCheckAt);
        Assert.Equal(["h1", "h2"], clusters.Select(c => c.ClusterId));
        Assert.Empty(history.Triggers);
        Assert.Equal(["held/acm"], lookup.Keys);
        Assert.Equal(RolloutPhase.Idle, after.Phase);
    }
}
