using AddonGrains.Grains.Rollouts;

namespace AddonGrains.Tests.Grains;

/// <summary>The pure rules of <see cref="RolloutHistory"/>: order, pages and which records are beyond the kept events.</summary>
public sealed class RolloutHistoryTests
{
    private static TriggerRecord Record(int eventNumber, string job) => new() { TriggerId = $"ag-{eventNumber:D2}-{job}", Event = new(eventNumber, "1.0.0", null, UpgradeDirection.Upgrade, default), Job = job };

    private static readonly TriggerRecord[] Records =
        [Record(3, "a"), Record(1, "a"), Record(2, "b"), Record(2, "a"), Record(4, "a")];

    [Fact]
    public void Page_FromTheNewest_OrdersByEventThenTriggerId()
    {
        var (rows, hasMore) = RolloutHistory.Page(Records, 3, null)!.Value;

        Assert.Equal(["ag-04-a", "ag-03-a", "ag-02-b"], rows.Select(r => r.TriggerId));
        Assert.True(hasMore);
    }

    [Fact]
    public void Page_Before_ContinuesAfterThatTrigger_AndTheLastPageHasNoMore()
    {
        var (rows, hasMore) = RolloutHistory.Page(Records, 3, "ag-02-b")!.Value;
        var (empty, emptyHasMore) = RolloutHistory.Page(Records, 3, "ag-01-a")!.Value;

        Assert.Equal(["ag-02-a", "ag-01-a"], rows.Select(r => r.TriggerId));
        Assert.False(hasMore);
        Assert.Empty(empty);
        Assert.False(emptyHasMore);
    }

    [Fact]
    public void Page_UnknownBefore_IsNull()
    {
        Assert.Null(RolloutHistory.Page(Records, 3, "ag-99-z"));
    }

    [Fact]
    public void BeyondKept_CountsEventsNotRecords()
    {
        var beyond = RolloutHistory.BeyondKept(Records, 2);
        var none = RolloutHistory.BeyondKept(Records, 4);

        Assert.Equal(["ag-01-a", "ag-02-a", "ag-02-b"], beyond.Select(r => r.TriggerId).Order(StringComparer.Ordinal));
        Assert.Empty(none);
    }
}
