namespace AddonGrains.IntegrationTests;

public sealed class MembershipTests(PostgresFixture postgres)
{
    private const int Active = 3;
    private const int Dead = 6;

    [Fact]
    public async Task DeployAsync_WithTwoSilos_BothActiveInMembershipTable()
    {
        var connectionString = await postgres.CreateMigratedDatabaseAsync(TestContext.Current.CancellationToken);

        await using var cluster = await PostgresCluster.StartAsync(connectionString, silos: 2);

        await Wait.UntilAsync(
            async () => await Sql.ScalarAsync<long>(connectionString, $"SELECT count(*) FROM orleans_membership WHERE status = {Active}") == 2,
            TimeSpan.FromSeconds(20), "two Active silo rows", cancellationToken: TestContext.Current.CancellationToken);
        Assert.True(await Sql.ScalarAsync<int>(connectionString, "SELECT version FROM orleans_membership_version") >= 2);
    }

    [Fact]
    public async Task KillSiloAsync_OneOfTwoSilos_DeclaredDeadInMembershipTable()
    {
        var connectionString = await postgres.CreateMigratedDatabaseAsync(TestContext.Current.CancellationToken);
        await using var cluster = await PostgresCluster.StartAsync(connectionString, silos: 2);
        var victim = PostgresCluster.AddressOf(cluster.Silos[1]);

        await cluster.KillSiloAsync(cluster.Silos[1]);

        await Wait.UntilAsync(
            async () => await Sql.ScalarAsync<long>(connectionString,
                $"SELECT count(*) FROM orleans_membership WHERE port = {victim.Endpoint.Port} AND generation = {victim.Generation} AND status = {Dead}") == 1,
            TimeSpan.FromSeconds(30), "the killed silo's row to be Dead", cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(1L, await Sql.ScalarAsync<long>(connectionString, $"SELECT count(*) FROM orleans_membership WHERE status = {Active}"));
    }
}
