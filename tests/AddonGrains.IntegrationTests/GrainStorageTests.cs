using AddonGrains.IntegrationTests.Grains;
using AddonGrains.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace AddonGrains.IntegrationTests;

public sealed class GrainStorageTests(PostgresFixture postgres) : IAsyncLifetime
{
    private const string GrainType = "it-counter";
    private string _connectionString = "";
    private PostgresCluster? _cluster;

    private PostgresCluster Cluster => _cluster ?? throw new InvalidOperationException("Not initialized.");

    private IGrainStorage Storage => Cluster.Silos[0].Services
        .GetRequiredKeyedService<IGrainStorage>(AddonGrainsPostgresExtensions.DefaultStorageName);

    public async ValueTask InitializeAsync()
    {
        _connectionString = await postgres.CreateMigratedDatabaseAsync(TestContext.Current.CancellationToken);
        _cluster = await PostgresCluster.StartAsync(_connectionString, silos: 1);
    }

    public async ValueTask DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }

    [Fact]
    public async Task WriteStateAsync_ThenReadStateAsync_RoundTripsStateAndETag()
    {
        var grainId = NewGrainId();
        var written = NewState(new CounterState { Value = 42, Label = "answer" });

        await Storage.WriteStateAsync(GrainType, grainId, written);
        var read = NewState(new CounterState());
        await Storage.ReadStateAsync(GrainType, grainId, read);

        Assert.Equal("1", written.ETag);
        Assert.True(read.RecordExists);
        Assert.Equal(written.ETag, read.ETag);
        Assert.Equal(42, read.State!.Value);
        Assert.Equal("answer", read.State!.Label);
    }

    [Fact]
    public async Task WriteStateAsync_WithStaleETag_ThrowsInconsistentStateException()
    {
        var grainId = NewGrainId();
        var first = NewState(new CounterState { Value = 1 });
        await Storage.WriteStateAsync(GrainType, grainId, first);
        var second = NewState(new CounterState());
        await Storage.ReadStateAsync(GrainType, grainId, second);
        first.State!.Value = 2;
        await Storage.WriteStateAsync(GrainType, grainId, first);

        second.State!.Value = 3;
        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.WriteStateAsync(GrainType, grainId, second));

        var read = NewState(new CounterState());
        await Storage.ReadStateAsync(GrainType, grainId, read);
        Assert.Equal(2, read.State!.Value);
        Assert.Equal("2", read.ETag);
    }

    [Fact]
    public async Task WriteStateAsync_FirstWriteWhenRowExists_ThrowsInconsistentStateException()
    {
        var grainId = NewGrainId();
        await Storage.WriteStateAsync(GrainType, grainId, NewState(new CounterState { Value = 1 }));

        var duplicateActivation = NewState(new CounterState { Value = 9 });

        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.WriteStateAsync(GrainType, grainId, duplicateActivation));
    }

    [Fact]
    public async Task ClearStateAsync_WithCurrentETag_ClearsStateAndAllowsRewrite()
    {
        var grainId = NewGrainId();
        var state = NewState(new CounterState { Value = 5 });
        await Storage.WriteStateAsync(GrainType, grainId, state);

        await Storage.ClearStateAsync(GrainType, grainId, state);
        var afterClear = NewState(new CounterState { Value = -1 });
        await Storage.ReadStateAsync(GrainType, grainId, afterClear);
        state.State = new CounterState { Value = 6 };
        await Storage.WriteStateAsync(GrainType, grainId, state);

        Assert.Equal(0, afterClear.State!.Value);
        Assert.Equal("2", afterClear.ETag);
        Assert.Equal("3", state.ETag);
    }

    [Fact]
    public async Task ClearStateAsync_WithStaleETag_ThrowsInconsistentStateException()
    {
        var grainId = NewGrainId();
        var stale = NewState(new CounterState { Value = 1 });
        await Storage.WriteStateAsync(GrainType, grainId, stale);
        var current = NewState(new CounterState());
        await Storage.ReadStateAsync(GrainType, grainId, current);
        await Storage.WriteStateAsync(GrainType, grainId, current);

        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.ClearStateAsync(GrainType, grainId, stale));
    }

    [Fact]
    public async Task CounterGrain_AfterDeactivation_ReloadsStateWrittenWithOrleansSerializer()
    {
        var key = Guid.NewGuid().ToString("N");
        var grain = Cluster.Client.GetGrain<ICounterGrain>(key);
        await grain.AddAsync(3);
        await grain.AddAsync(4);

        await grain.DeactivateAsync();
        await Wait.UntilAsync(
            async () => await Sql.ScalarAsync<long>(_connectionString, "SELECT count(*) FROM orleans_storage") >= 1,
            TimeSpan.FromSeconds(5), "the grain's state row", cancellationToken: TestContext.Current.CancellationToken);
        var value = await grain.GetAsync();

        Assert.Equal(7, value);
        // Orleans' binary format, not the provider's default Newtonsoft JSON ('{').
        var firstByte = await Sql.ScalarAsync<int>(_connectionString,
            "SELECT get_byte(payload_binary, 0) FROM orleans_storage WHERE grain_type_string = 'counter'");
        Assert.NotEqual('{', (char)firstByte);
    }

    private static GrainState<CounterState> NewState(CounterState state) => new() { State = state };

    private static GrainId NewGrainId() => GrainId.Create(GrainType, Guid.NewGuid().ToString("N"));
}
