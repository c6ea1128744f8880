using AddonGrains.Persistence;
using Npgsql;

namespace AddonGrains.IntegrationTests.Infrastructure;

/// <summary>
/// A throwaway PostgreSQL server for the whole test run (<see cref="PostgresServer"/>), or the server named by
/// <c>ConnectionStrings__OrleansTest</c>. Tests get isolated databases from <see cref="CreateDatabaseAsync"/>.
/// Without binaries the tests skip loudly, except under <c>CI=true</c>, where they fail.
/// </summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    private const string OverrideVariable = "ConnectionStrings__OrleansTest";
    private readonly List<string> _createdDatabases = [];
    private PostgresServer? _server;
    private string? _unavailableReason;

    /// <summary>Connection string to the server's maintenance database (<c>postgres</c>).</summary>
    public string AdminConnectionString { get; private set; } = "";

    /// <summary>True when this fixture started the server itself (so it can stop and restart it).</summary>
    public bool OwnsServer => _server is not null;

    private static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public async ValueTask InitializeAsync()
    {
        var overrideConnectionString = Environment.GetEnvironmentVariable(OverrideVariable);
        if (!string.IsNullOrWhiteSpace(overrideConnectionString))
        {
            AdminConnectionString = overrideConnectionString;
            return;
        }

        var binDir = await PostgresServer.FindBinDirAsync();
        if (binDir is null)
        {
            _unavailableReason = "!!! PostgreSQL binaries (initdb, pg_ctl) not found: install postgresql or set "
                + $"{OverrideVariable}. PostgreSQL integration tests are SKIPPED. !!!";
            if (IsCi)
            {
                throw new InvalidOperationException(_unavailableReason + " (CI=true: this is a failure)");
            }

            await Console.Error.WriteLineAsync(_unavailableReason);
            return;
        }

        _server = await PostgresServer.StartNewAsync(binDir);
        AdminConnectionString = _server.AdminConnectionString;
    }

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(CancellationToken ct = default)
    {
        EnsureAvailable();
        var name = "t_" + Guid.NewGuid().ToString("N");
        await using (var connection = new NpgsqlConnection(AdminConnectionString))
        {
            await connection.OpenAsync(ct);
            await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await command.ExecuteNonQueryAsync(ct);
        }

        lock (_createdDatabases)
        {
            _createdDatabases.Add(name);
        }

        return new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name }.ConnectionString;
    }

    /// <summary>Creates a database with the project's schema applied and returns its connection string.</summary>
    public async Task<string> CreateMigratedDatabaseAsync(CancellationToken ct = default)
    {
        var connectionString = await CreateDatabaseAsync(ct);
        await new SchemaMigrator().ApplyAsync(connectionString, ct);
        return connectionString;
    }

    /// <summary>
    /// Restarts the server: <c>pg_ctl stop -m fast</c> then <c>start</c> with the log file (a bare <c>pg_ctl restart</c>
    /// would hand the new server our stdout pipe, and reading it would never end). Pooled connections are cleared.
    /// </summary>
    public async Task RestartAsync(CancellationToken ct = default)
    {
        await StopAsync(ct);
        await StartAsync(ct);
    }

    /// <summary>Stops the server (pg_ctl stop -m fast), e.g. to test behavior while the database is down.</summary>
    public async Task StopAsync(CancellationToken ct = default)
    {
        EnsureOwned();
        await _server!.StopAsync(ct);
        NpgsqlConnection.ClearAllPools();
    }

    /// <summary>Starts the server again after <see cref="StopAsync"/>, with its original options.</summary>
    public async Task StartAsync(CancellationToken ct = default)
    {
        EnsureOwned();
        await _server!.StartAsync(ct);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (_server is null)
        {
            await DropCreatedDatabasesAsync();
            return;
        }

        await _server.DisposeAsync();
    }

    private void EnsureAvailable()
    {
        if (_unavailableReason is not null)
        {
            Assert.Skip(_unavailableReason);
        }
    }

    private void EnsureOwned()
    {
        EnsureAvailable();
        if (!OwnsServer)
        {
            Assert.Skip($"The server from {OverrideVariable} is not ours to stop or restart.");
        }
    }

    private async Task DropCreatedDatabasesAsync()
    {
        if (string.IsNullOrEmpty(AdminConnectionString) || _createdDatabases.Count == 0)
        {
            return;
        }

        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        foreach (var name in _createdDatabases)
        {
            await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection);
            await command.ExecuteNonQueryAsync();
        }
    }
}
