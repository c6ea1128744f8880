using AddonGrains.Tests.Support;
using Orleans.Core.Internal;

namespace AddonGrains.Tests.EndToEnd;

/// <summary>A failed write of the registry's key list is recovered by the next reconcile, never lost.</summary>
[Collection(EndToEndGroup.Name)]
public sealed class RegistryWriteFaultTests(EndToEndFixture fixture)
{
    // Keys of no configured organization: their rollouts only report "not in the configuration", touching no other test.
    private static readonly ImmutableArray<string> First = ["ghost-a/acm"];
    private static readonly ImmutableArray<string> Second = ["ghost-a/acm", "ghost-b/acm"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Reconcile_WhoseWriteFails_IsStoredByTheNextReconcile()
    {
        var registry = fixture.Grains.GetGrain<IRegistryGrain>("registry-write-faults");
        var id = registry.GetGrainId();

        fixture.StorageFaults.Arm(id, fixture.StorageFaults.WritesOf(id) + 1, WriteFault.BeforeCommit);
        await Assert.ThrowsAnyAsync<Exception>(() => registry.ReconcileAsync(First, Ct));
        await registry.ReconcileAsync(First, Ct);
        Assert.Equal(First, await StoredKeysAsync(registry));

        fixture.StorageFaults.Arm(id, fixture.StorageFaults.WritesOf(id) + 1, WriteFault.AfterCommit);
        await Assert.ThrowsAnyAsync<Exception>(() => registry.ReconcileAsync(Second, Ct));
        await registry.ReconcileAsync(Second, Ct);
        await registry.ReconcileAsync(First, Ct);
        Assert.Equal(First, await StoredKeysAsync(registry));
        Assert.False(fixture.StorageFaults.Armed);
    }

    /// <summary>The keys as storage holds them: the grain is deactivated first, so its next call reads them.</summary>
    private static async Task<ImmutableArray<string>> StoredKeysAsync(IRegistryGrain registry)
    {
        await registry.Cast<IGrainManagementExtension>().DeactivateOnIdle(Ct);
        return await registry.GetKeysAsync(Ct);
    }
}
