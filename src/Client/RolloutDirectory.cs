namespace AddonGrains.Client;

/// <summary>
/// Finds rollouts through the registry: the one key of ORG (configured name or orgId) × ADDON, or the keys a
/// <c>status</c> filter selects, and reads the status of those only. An unknown name fails listing the known ones.
/// </summary>
internal static class RolloutDirectory
{
    /// <summary>The rows of <c>status</c>, optionally narrowed to one organization and/or add-on, sorted.</summary>
    public static async Task<ImmutableArray<RolloutStatus>> StatusesAsync(IGrainFactory grains, string? organization, string? addon,
        CancellationToken cancellationToken)
    {
        var keys = await FindAsync(grains, organization, addon, cancellationToken);
        return [.. await Task.WhenAll(keys.Select(k => grains.GetGrain<IRolloutGrain>(k).GetStatusAsync(cancellationToken)))];
    }

    /// <summary>The rollout grain of one organization × add-on.</summary>
    public static async Task<IRolloutGrain> ResolveAsync(IGrainFactory grains, string organization, string addon, CancellationToken cancellationToken)
    {
        var keys = await FindAsync(grains, organization, addon, cancellationToken);
        return grains.GetGrain<IRolloutGrain>(keys.Single());
    }

    private static async Task<ImmutableArray<string>> FindAsync(IGrainFactory grains, string? organization, string? addon,
        CancellationToken cancellationToken)
    {
        var lookup = await grains.GetGrain<IRegistryGrain>(IRegistryGrain.Key).FindAsync(organization, addon, cancellationToken);
        return lookup.Error is { } error ? throw new CliException(ExitCodes.NotFound, error) : lookup.Keys;
    }
}
