using AddonGrains.Grains.Budget;

namespace AddonGrains.Tests.Budget;

/// <summary>How the budget grain splits an OCM environment's budget among the silos (the pure rule).</summary>
public sealed class OcmSharesTests
{
    [Theory]
    [InlineData(16, new[] { 100, 100, 100 }, new[] { 6, 5, 5 })]
    [InlineData(16, new[] { 2, 100, 100 }, new[] { 2, 7, 7 })]
    [InlineData(16, new[] { 0, 30, 1 }, new[] { 0, 15, 1 })]
    [InlineData(4, new[] { 3, 1 }, new[] { 3, 1 })]
    [InlineData(2, new[] { 5, 5, 5 }, new[] { 1, 1, 0 })]
    [InlineData(16, new[] { 0, 0 }, new[] { 0, 0 })]
    public void Targets_AreMaxMinFair_CappedByDemand_AndNeverAboveTheBudget(int budget, int[] demands, int[] expected)
    {
        var targets = OcmShares.Targets(budget, demands);

        Assert.Equal(expected, targets);
        Assert.True(targets.Sum() <= budget);
    }

    [Theory]
    [InlineData(16, 3, 16, 5)]
    [InlineData(16, 3, 2, 2)]
    [InlineData(4, 6, 1, 0)]
    [InlineData(16, 1, 16, 16)]
    [InlineData(16, 0, 16, 16)]
    public void Fallback_IsTheLastShare_AtMostAnEqualSplitAmongLiveSilos(int budget, int liveSilos, int lastShare, int expected) =>
        Assert.Equal(expected, OcmShares.Fallback(budget, liveSilos, lastShare));

    [Fact]
    public void Rate_GoesWithTheSlots()
    {
        Assert.Equal(25, OcmShares.Rate(100, 4, 16));
        Assert.Null(OcmShares.Rate(100, 0, 16));
        Assert.Null(OcmShares.Rate(null, 4, 16));
    }
}
