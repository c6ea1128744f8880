namespace AddonGrains.Configuration;

/// <summary>
/// One entry of <c>organizations:</c>, with its effective policy (defaults merged with its override) and the optional
/// <c>products</c> filter (empty: clusters of every product).
/// </summary>
public sealed record OrganizationSettings(
    string Name,
    string Ocm,
    string OrgId,
    ImmutableArray<AddonUpgradeTest> AddonUpgradeTests,
    RolloutPolicy Policy,
    ImmutableArray<string> Products = default)
{
    /// <summary>The OCM product ids this organization's clusters are limited to; empty for all.</summary>
    public ImmutableArray<string> ProductIds => Products.IsDefault ? [] : Products;

    /// <summary>The add-ons this organization subscribes to, in configuration order.</summary>
    public ImmutableArray<string> Addons => [.. AddonUpgradeTests.Select(t => t.Addon).Distinct(StringComparer.Ordinal)];

    /// <summary>The subscriptions for one add-on.</summary>
    public ImmutableArray<AddonUpgradeTest> TestsFor(string addon) =>
        [.. AddonUpgradeTests.Where(t => string.Equals(t.Addon, addon, StringComparison.Ordinal))];
}
