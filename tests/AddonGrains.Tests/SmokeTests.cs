namespace AddonGrains.Tests;

public sealed class SmokeTests
{
    [Fact]
    public void Placeholder_Runs() => Assert.Equal(2, 1 + 1);
}
