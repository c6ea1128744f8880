using AddonGrains.Grains.Decision;
using static AddonGrains.Tests.Decision.Fleet;

namespace AddonGrains.Tests.Decision;

/// <summary>
/// The target is the highest version any applicable cluster reports, in either order of the clusters. It
/// is found in one scan (comparing only text that differs from the highest so far) instead of a sort.
/// </summary>
public sealed class TargetVersionTests
{
    [Theory]
    [InlineData("2.10.0,2.9.0,2.10.1-rc.1", "2.10.1-rc.1")]
    [InlineData("1.0.0-rc.1,1.0.0,1.0.0-rc.2", "1.0.0")]
    [InlineData("weird,2.0.0,other", "2.0.0")]
    [InlineData("beta,alpha", "beta")]
    [InlineData("4.15,4.9.1,-,4.15", "4.15")]
    public void Decide_TargetIsTheHighestVersion_WhateverTheClusterOrder(string versions, string expected)
    {
        var reported = versions.Split(',').Select(v => v == "-" ? null : v).ToArray();
        foreach (var order in new[] { reported, reported.Reverse().ToArray() })
        {
            var clusters = Of([.. order.Select((v, i) => Ready($"c{i}", v))]);

            var result = RolloutDecider.Decide(Input(clusters, "0.1.0"));

            Assert.Equal(expected, result.TargetVersion);
        }
    }
}
