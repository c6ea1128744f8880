using AddonGrains.Client;

namespace AddonGrains.Tests.Cli;

public sealed class RenderTests
{
    [Theory]
    [InlineData(4, 5, "████████░░ 4/5")]
    [InlineData(0, 3, "░░░░░░░░░░ 0/3")]
    [InlineData(3, 3, "██████████ 3/3")]
    [InlineData(0, 0, "░░░░░░░░░░ 0/0")]
    public void Bar_Progress_FillsProportionally(int done, int total, string expected)
    {
        Assert.Equal(expected, Render.Bar(done, total));
    }

    [Fact]
    public void Truncate_LongList_NamesThreeAndCountsTheRest()
    {
        Assert.Equal("a, b, c +2 more", Render.Truncate(["a", "b", "c", "d", "e"]));
    }

    [Fact]
    public void Format_Time_IsUtcIso8601()
    {
        var time = new DateTimeOffset(2026, 11, 26, 13, 0, 0, TimeSpan.FromHours(1));

        Assert.Equal("2026-11-26T12:00:00Z", Iso.Format(time));
    }
}
