using AddonGrains.Persistence;
using Npgsql;

namespace AddonGrains.IntegrationTests;

public sealed class SchemaMigratorTests(PostgresFixture postgres)
{
    [Fact]
    public async Task ApplyAsync_OnFreshDatabase_AppliesEveryScriptInOrder()
    {
        var connectionString = await postgres.CreateDatabaseAsync(TestContext.Current.CancellationToken);

        var result = await new SchemaMigrator().ApplyAsync(connectionString, TestContext.Current.CancellationToken);

        Assert.Equal(SchemaScript.All.Select(s => s.Version), result.AppliedVersions);
        Assert.Equal(SchemaMigrator.LatestVersion, result.CurrentVersion);
        Assert.Equal(SchemaMigrator.LatestVersion, await SchemaMigrator.GetCurrentVersionAsync(connectionString, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task ApplyAsync_Twice_SecondCallAppliesNothing()
    {
        var connectionString = await postgres.CreateDatabaseAsync(TestContext.Current.CancellationToken);
        var migrator = new SchemaMigrator();
        await migrator.ApplyAsync(connectionString, TestContext.Current.CancellationToken);
        var queriesBefore = await Sql.ScalarAsync<long>(connectionString, "SELECT count(*) FROM orleansquery");

        var second = await migrator.ApplyAsync(connectionString, TestContext.Current.CancellationToken);

        Assert.True(second.WasUpToDate);
        Assert.Equal(SchemaMigrator.LatestVersion, second.CurrentVersion);
        Assert.Equal(queriesBefore, await Sql.ScalarAsync<long>(connectionString, "SELECT count(*) FROM orleansquery"));
        Assert.Equal(SchemaScript.All.Count, await Sql.ScalarAsync<long>(connectionString, "SELECT count(*) FROM addongrains_schema_version"));
    }

    [Fact]
    public async Task ApplyAsync_FourMigratorsInParallel_EachScriptAppliedExactlyOnce()
    {
        var connectionString = await postgres.CreateDatabaseAsync(TestContext.Current.CancellationToken);

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ =>
            Task.Run(() => new SchemaMigrator().ApplyAsync(connectionString, TestContext.Current.CancellationToken))));

        var applied = results.SelectMany(r => r.AppliedVersions).Order().ToList();
        Assert.Equal(SchemaScript.All.Select(s => s.Version), applied);
        Assert.All(results, r => Assert.Equal(SchemaMigrator.LatestVersion, r.CurrentVersion));
        Assert.Equal(SchemaScript.All.Count, await Sql.ScalarAsync<long>(connectionString, "SELECT count(*) FROM addongrains_schema_version"));
    }

    [Fact]
    public async Task Scripts_ExecutedTwiceWithoutMigrator_AreIdempotent()
    {
        var connectionString = await postgres.CreateDatabaseAsync(TestContext.Current.CancellationToken);

        for (var pass = 0; pass < 2; pass++)
        {
            foreach (var script in SchemaScript.All)
            {
                await Sql.ExecuteAsync(connectionString, script.Sql);
            }
        }

        Assert.Equal(SchemaMigrator.LatestVersion, await SchemaMigrator.GetCurrentVersionAsync(connectionString, TestContext.Current.CancellationToken));
        Assert.Equal(21L, await Sql.ScalarAsync<long>(connectionString, "SELECT count(*) FROM orleansquery"));
    }

    [Fact]
    public async Task GetCurrentVersionAsync_OnEmptyDatabase_ReturnsZero()
    {
        var connectionString = await postgres.CreateDatabaseAsync(TestContext.Current.CancellationToken);

        var version = await SchemaMigrator.GetCurrentVersionAsync(connectionString, TestContext.Current.CancellationToken);

        Assert.Equal(0, version);
    }

    [Fact]
    public async Task ApplyAsync_WhenScriptFails_RecordsNothingAndReleasesLock()
    {
        var connectionString = await postgres.CreateDatabaseAsync(TestContext.Current.CancellationToken);
        // A conflicting object of the same name makes script 0001 fail part-way.
        await Sql.ExecuteAsync(connectionString, "CREATE VIEW orleans_storage AS SELECT 1 AS x");

        await Assert.ThrowsAsync<PostgresException>(() => new SchemaMigrator().ApplyAsync(connectionString, TestContext.Current.CancellationToken));

        Assert.Equal(0, await SchemaMigrator.GetCurrentVersionAsync(connectionString, TestContext.Current.CancellationToken));
        Assert.Equal(0L, await Sql.ScalarAsync<long>(connectionString, "SELECT count(*) FROM pg_class WHERE relname = 'orleansquery'"));
        Assert.True(await Sql.ScalarAsync<bool>(connectionString, $"SELECT pg_try_advisory_lock({SchemaMigrator.AdvisoryLockKey})"));
    }
}
