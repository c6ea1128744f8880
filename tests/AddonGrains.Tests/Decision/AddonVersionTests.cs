using AddonGrains.Grains.Decision;

namespace AddonGrains.Tests.Decision;

public sealed class AddonVersionTests
{
    [Theory]
    [InlineData("2.10.0", "2.9.0", 1)]
    [InlineData("2.9.0", "2.10.0", -1)]
    [InlineData("v2.9.0", "2.9.0", 0)]
    [InlineData("2.9.0", "2.9.0-rc.1", 1)]
    [InlineData("2.9.0-rc.10", "2.9.0-rc.2", 1)]
    [InlineData("4.15", "4.15.1", -1)]
    [InlineData("2.9.0+build.7", "2.9.0", 0)]
    public void Compare_SemanticVersions_OrdersSemantically(string a, string b, int expected) =>
        Assert.Equal(expected, AddonVersion.Compare(a, b));

    [Theory]
    [InlineData("latest", "2.9.0")]
    [InlineData("build-blue", "build-green")]
    public void Compare_NotSemver_IsNotComparable(string a, string b) => Assert.Null(AddonVersion.Compare(a, b));
}
