using AddonGrains.IntegrationTests.Grains;
using Microsoft.Extensions.DependencyInjection;

namespace AddonGrains.IntegrationTests;

public sealed class ReminderTests(PostgresFixture postgres)
{
    private static readonly TimeSpan Period = TimeSpan.FromMilliseconds(500);

    [Fact]
    public async Task RegisterOrUpdateReminder_WhenRegistered_FiresAndIsStoredInTable()
    {
        var connectionString = await postgres.CreateMigratedDatabaseAsync(TestContext.Current.CancellationToken);
        await using var cluster = await PostgresCluster.StartAsync(connectionString, silos: 1);
        var key = Guid.NewGuid().ToString("N");

        await cluster.Client.GetGrain<IReminderTestGrain>(key).StartAsync(Period);

        await Wait.UntilAsync(() => ReminderTicks.Count(key) >= 2, TimeSpan.FromSeconds(20), "two reminder ticks", cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(1L, await Sql.ScalarAsync<long>(connectionString,
            $"SELECT count(*) FROM orleans_reminders WHERE grain_id LIKE '%{key}%' AND reminder_name = '{ReminderTestGrain.ReminderName}' AND period = 500"));
    }

    [Fact]
    public async Task Reminder_AfterClusterRestart_KeepsFiring()
    {
        var connectionString = await postgres.CreateMigratedDatabaseAsync(TestContext.Current.CancellationToken);
        var serviceId = "svc-" + Guid.NewGuid().ToString("N")[..8];
        var key = Guid.NewGuid().ToString("N");
        await using (var first = await PostgresCluster.StartAsync(connectionString, silos: 1, serviceId))
        {
            await first.Client.GetGrain<IReminderTestGrain>(key).StartAsync(Period);
            await Wait.UntilAsync(() => ReminderTicks.Count(key) >= 1, TimeSpan.FromSeconds(20), "the first tick", cancellationToken: TestContext.Current.CancellationToken);
                    }

        var ticksBeforeRestart = ReminderTicks.Count(key);
        await using var second = await PostgresCluster.StartAsync(connectionString, silos: 1, serviceId);

        await Wait.UntilAsync(() => ReminderTicks.Count(key) >= ticksBeforeRestart + 2,
            TimeSpan.FromSeconds(30), "ticks after the restart", cancellationToken: TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Reminders_AfterSiloLeaves_SurvivorFiresAllOfThem()
    {
        var connectionString = await postgres.CreateMigratedDatabaseAsync(TestContext.Current.CancellationToken);
        await using var cluster = await PostgresCluster.StartAsync(connectionString, silos: 2);
        var keys = Enumerable.Range(0, 8).Select(_ => Guid.NewGuid().ToString("N")).ToList();
        foreach (var key in keys)
        {
            await cluster.Client.GetGrain<IReminderTestGrain>(key).StartAsync(Period);
        }

        await Wait.UntilAsync(() => keys.All(k => ReminderTicks.Count(k) >= 1), TimeSpan.FromSeconds(20), "every reminder to tick", cancellationToken: TestContext.Current.CancellationToken);

        await cluster.StopSiloAsync(cluster.Silos[1]);
        var afterLeave = keys.ToDictionary(k => k, ReminderTicks.Count);

        await Wait.UntilAsync(() => keys.All(k => ReminderTicks.Count(k) >= afterLeave[k] + 2),
            TimeSpan.FromSeconds(30), "every reminder to tick on the survivor", cancellationToken: TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task ReadRows_WithWrappingAndNonWrappingRanges_ReturnsExactlyTheRowsInRange()
    {
        var connectionString = await postgres.CreateMigratedDatabaseAsync(TestContext.Current.CancellationToken);
        await using var cluster = await PostgresCluster.StartAsync(connectionString, silos: 1);
        var table = cluster.Silos[0].Services.GetRequiredService<IReminderTable>();
        var grains = Enumerable.Range(0, 40).Select(i => GrainId.Create("it-range", $"g{i}-{Guid.NewGuid():N}")).ToList();
        foreach (var grain in grains)
        {
            await table.UpsertRow(new ReminderEntry
            {
                GrainId = grain,
                ReminderName = "r",
                StartAt = DateTime.UtcNow.AddHours(1),
                Period = TimeSpan.FromHours(1),
            }, TestContext.Current.CancellationToken);
        }

        (uint Begin, uint End)[] ranges =
        [
            (0, uint.MaxValue / 2),                 // non-wrapping, positive in signed order
            (0x7000_0000, 0x9000_0000),             // crosses the signed boundary
            (0xC000_0000, 0x4000_0000),             // wraps around zero
            (0x1234_5678, 0x1234_5678),             // full ring
        ];
        foreach (var (begin, end) in ranges)
        {
            var rows = await table.ReadRows(begin, end, TestContext.Current.CancellationToken);

            var expected = grains.Where(g => InRange(g.GetUniformHashCode(), begin, end)).Order().ToList();
            Assert.Equal(expected, rows.Reminders.Select(r => r.GrainId).Order().ToList());
        }
    }

    private static bool InRange(uint hash, uint begin, uint end) =>
        begin < end ? hash > begin && hash <= end : hash > begin || hash <= end;
}
