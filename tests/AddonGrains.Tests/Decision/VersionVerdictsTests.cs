using AddonGrains.Grains.Decision;
using AddonGrains.Grains.Rollouts;

namespace AddonGrains.Tests.Decision;

public sealed class VersionVerdictsTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

    private static TriggerSnapshot T(string job, TriggerStatus status) =>
        new(new TriggerRequest($"ag-{job}", "acme", "org-1", "production", "my-addon", new(1, "2.9.0", "2.8.0", UpgradeDirection.Upgrade, At), "ci-int", job, []),
            new TriggerDelivery { Status = status, Attempts = 1, UpdatedAt = At });

    private static TriggerRecord R(int eventNumber, string job, string version = "2.9.0", string instance = "ci-int") =>
        new() { TriggerId = $"ag-{eventNumber}-{instance}-{job}", Event = new(eventNumber, version, null, UpgradeDirection.Upgrade, At), Instance = instance, Job = job };

    [Theory]
    [InlineData(TriggerStatus.Pending, Verdict.Pending)]
    [InlineData(TriggerStatus.Dispatched, Verdict.Pending)]
    [InlineData(TriggerStatus.Running, Verdict.Pending)]
    [InlineData(TriggerStatus.Succeeded, Verdict.Passed)]
    [InlineData(TriggerStatus.Unstable, Verdict.Failed)]
    [InlineData(TriggerStatus.Failed, Verdict.Failed)]
    [InlineData(TriggerStatus.Aborted, Verdict.Failed)]
    [InlineData(TriggerStatus.NotBuilt, Verdict.Failed)]
    [InlineData(TriggerStatus.Cancelled, Verdict.Failed)]
    [InlineData(TriggerStatus.DeliveryFailed, Verdict.Failed)]
    public void Decide_OneJob_EveryStatus(TriggerStatus status, Verdict expected)
    {
        var (verdict, reason) = VersionVerdicts.Decide([T("e2e", status)]);

        Assert.Equal(expected, verdict);
        if (expected != Verdict.Passed)
        {
            Assert.Contains($"ci-int/e2e {status}", reason, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Decide_EveryStatusIsCovered_FailureIsEveryFinishedStatusButSucceeded()
    {
        var failures = Enum.GetValues<TriggerStatus>().Where(VersionVerdicts.IsFailure).Order();

        Assert.Equal([TriggerStatus.Unstable, TriggerStatus.Failed, TriggerStatus.Aborted, TriggerStatus.NotBuilt, TriggerStatus.Cancelled, TriggerStatus.DeliveryFailed], failures);
    }

    [Theory]
    [InlineData(new[] { TriggerStatus.Succeeded, TriggerStatus.Succeeded }, Verdict.Passed)]
    [InlineData(new[] { TriggerStatus.Succeeded, TriggerStatus.Running }, Verdict.Pending)]
    [InlineData(new[] { TriggerStatus.Pending, TriggerStatus.Dispatched }, Verdict.Pending)]
    [InlineData(new[] { TriggerStatus.Running, TriggerStatus.Failed }, Verdict.Failed)]    // a failure is final even while others run
    [InlineData(new[] { TriggerStatus.Pending, TriggerStatus.Unstable }, Verdict.Failed)]
    [InlineData(new[] { TriggerStatus.Succeeded, TriggerStatus.Cancelled }, Verdict.Failed)]
    [InlineData(new[] { TriggerStatus.Succeeded, TriggerStatus.Running, TriggerStatus.DeliveryFailed }, Verdict.Failed)]
    public void Decide_Mixes_FollowThePrecedence(TriggerStatus[] statuses, Verdict expected)
    {
        var (verdict, _) = VersionVerdicts.Decide([.. statuses.Select((s, i) => T($"job{i}", s))]);

        Assert.Equal(expected, verdict);
    }

    [Fact]
    public void Decide_Reasons_NameTheDecidingJobsOnly()
    {
        var failed = VersionVerdicts.Decide([T("a", TriggerStatus.Succeeded), T("b", TriggerStatus.Aborted), T("c", TriggerStatus.Running), T("d", TriggerStatus.NotBuilt)]);
        var pending = VersionVerdicts.Decide([T("a", TriggerStatus.Succeeded), T("c", TriggerStatus.Running)]);
        var passed = VersionVerdicts.Decide([T("a", TriggerStatus.Succeeded), T("b", TriggerStatus.Succeeded)]);
        var none = VersionVerdicts.Decide([]);

        Assert.Equal((Verdict.Failed, "failed: ci-int/b Aborted, ci-int/d NotBuilt"), failed);
        Assert.Equal((Verdict.Pending, "waiting for ci-int/c Running"), pending);
        Assert.Equal((Verdict.Passed, "all 2 jobs succeeded"), passed);
        Assert.Equal(Verdict.None, none.Verdict);
    }

    [Fact]
    public void LatestPerJob_ARetriggerSupersedesTheJobsEarlierTrigger_OtherVersionsAndJobsStayApart()
    {
        TriggerRecord[] records =
        [
            R(1, "e2e", "2.8.0"), R(2, "e2e"), R(2, "smoke"), R(2, "e2e", instance: "ci-ext"), R(3, "e2e"), R(4, "e2e", "3.0.0"),
        ];

        var latest = VersionVerdicts.LatestPerJob(records, "2.9.0");

        Assert.Equal(["ag-2-ci-ext-e2e", "ag-3-ci-int-e2e", "ag-2-ci-int-smoke"], latest.Select(r => r.TriggerId));
        Assert.Empty(VersionVerdicts.LatestPerJob(records, "9.9.9"));
    }

    [Fact]
    public void Names_AreLowerCase()
    {
        Assert.Equal(["unknown", "none", "pending", "passed", "failed"], Enum.GetValues<Verdict>().Select(v => v.Name()));
        Assert.Equal([false, false, false, true, true], Enum.GetValues<Verdict>().Select(v => v.IsFinal()));
    }
}
