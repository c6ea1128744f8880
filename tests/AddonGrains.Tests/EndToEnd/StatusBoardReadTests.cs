using AddonGrains.Silo.StatusPage;

namespace AddonGrains.Tests.EndToEnd;

/// <summary>The status page asks each rollout for its status and only the triggers it shows.</summary>
[Collection(HistoryGroup.Name)]
public sealed class StatusBoardReadTests(HistoryFixture fixture)
{
    [Fact]
    public async Task ReadAsync_AsksEachRolloutForOnePageOfShownTriggers_NeverTheWholeHistory()
    {
        var ct = TestContext.Current.CancellationToken;
        var keys = await fixture.Grains.GetGrain<IRegistryGrain>(IRegistryGrain.Key).GetKeysAsync(ct);
        var (pages, histories, statuses) = (fixture.Calls["GetHistoryPageAsync"], fixture.Calls["GetHistoryAsync"], fixture.Calls["GetStatusAsync"]);

        var views = await new RolloutBoard(fixture.Grains).ReadAsync(ct);

        Assert.Equal(keys.Order(StringComparer.Ordinal), views.Select(v => v.Key));
        Assert.Equal(pages + keys.Length, fixture.Calls["GetHistoryPageAsync"]);
        Assert.Equal(statuses + keys.Length, fixture.Calls["GetStatusAsync"]);
        Assert.Equal(histories, fixture.Calls["GetHistoryAsync"]);
        Assert.All(views, v => Assert.True(v.Triggers.Length <= RolloutBoard.TriggersShown));
    }
}
