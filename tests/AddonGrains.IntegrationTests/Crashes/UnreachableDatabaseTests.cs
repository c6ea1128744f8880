using AddonGrains.IntegrationTests.Processes;

namespace AddonGrains.IntegrationTests.Crashes;

/// <summary>
/// A silo whose PostgreSQL cannot be reached at start (the demo's, which needs no configuration file), or <c>migrate</c>
/// run against it, says so in one line and exits 3, leaking no password.
/// </summary>
[Collection(ProcessGroup.Name)]
public sealed class UnreachableDatabaseTests
{
    [Theory]
    [InlineData("demo")]
    [InlineData("migrate")]
    public async Task SiloStart_WhenPostgresUnreachable_ExitsWithOneClearLineAndNoPassword(string mode)
    {
        const string password = "pw-5f1d9c0e-never-printed";
        var connectionString = $"Host=127.0.0.1;Port={FreePort.Next()};Database=orleans;Username=orleans;Password={password};Timeout=3";

        await using var silo = mode == "demo"
            ? SiloProcess.Start(null, connectionString, name: "no-database", dll: RepoPaths.DemoDll)
            : SiloProcess.Start(null, connectionString, arguments: [mode], name: "no-database");
        var exitCode = await silo.WaitForExitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);

        Assert.Equal(3, exitCode);
        Assert.Contains(silo.Output, l => l.StartsWith("error: cannot apply the schema to PostgreSQL (ConnectionStrings__Orleans)", StringComparison.Ordinal));
        Assert.DoesNotContain(silo.Output, l => l.Contains(password, StringComparison.Ordinal) || l.Contains("Unhandled exception", StringComparison.Ordinal));
    }
}
