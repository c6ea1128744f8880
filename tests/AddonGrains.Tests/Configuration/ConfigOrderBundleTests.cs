using AddonGrains.Grains.Registry;

namespace AddonGrains.Tests.Configuration;

/// <summary>App-interface bundles are ordered by their commit time; without one on both sides the content hashes decide.</summary>
public sealed class ConfigOrderBundleTests
{
    [Theory]
    // proposed, previous on the silo, its bundle time, applied by the registry, its bundle time, superseded → refused?
    [InlineData("b2", "b1", 200L, "b3", 300L, "", true)]      // a silo still on an older bundle
    [InlineData("b1", "b3", 100L, "b3", 300L, "", true)]      // a silo that read an older bundle after the newer one (a lagging replica)
    [InlineData("b4", null, 400L, "b3", 300L, "b4", false)]   // a newer bundle wins even when its hash was replaced before
    [InlineData("b5", "b3", 300L, "b3", 300L, "", false)]     // the same bundle with an edited file: an edit of the applied one
    [InlineData("b1", null, 300L, "b3", 300L, "b1", true)]    // the same bundle, a replaced file: the hashes decide
    [InlineData("f1", null, null, "b3", 300L, "", false)]     // a plain file after a bundle: the hashes decide (never seen: newer)
    [InlineData("b3", "b2", 300L, "b3", 300L, "", false)]     // the same configuration again
    public void Refusal_OrdersBundlesByCommitTime(string proposed, string? previous, long? time, string applied, long? appliedTime, string superseded, bool refused)
    {
        var replaced = superseded.Split(',', StringSplitOptions.RemoveEmptyEntries);
        var reason = ConfigOrder.Refusal(new ConfigVersion(proposed, previous, time), applied, replaced, appliedTime);
        Assert.Equal(refused, reason is not null);
    }

    [Fact]
    public void Refusal_OlderBundle_SaysWhenEachWasCommitted()
    {
        var reason = ConfigOrder.Refusal(new ConfigVersion("b1", "b3", 1_700_000_000), "b3", [], 1_700_000_060);
        Assert.Equal("configuration b1 comes from an app-interface bundle committed at 2023-11-14 22:13:20Z, older than the cluster's b3 (2023-11-14 22:14:20Z); this silo keeps its own until it reads the newer bundle", reason);
    }
}
