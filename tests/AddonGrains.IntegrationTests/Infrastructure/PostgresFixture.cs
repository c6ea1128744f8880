using AddonGrains.Persistence;
using Npgsql;

namespace AddonGrains.IntegrationTests.Infrastructure;

/// <summary>
/// A throwaway PostgreSQL server for the whole test run, started from the machine's binaries (initdb + pg_ctl
/// on a free loopback port, through <c>runuser -u postgres</c> when running as root), or the server named by
/// <c>ConnectionStrings__OrleansTest</c>. Tests get isolated databases from <see cref="CreateDatabaseAsync"/>.
/// Without binaries the tests skip loudly, except under <c>CI=true</c>, where they fail.
/// </summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    private const string OverrideVariable = "ConnectionStrings__OrleansTest";
    private readonly List<string> _createdDatabases = [];
    private string? _binDir;
    private string? _rootDir;
    private string? _dataDir;
    private string _serverOptions = "";
    private bool _asPostgresUser;
    private string? _unavailableReason;

    /// <summary>Connection string to the server's maintenance database (<c>postgres</c>).</summary>
    public string AdminConnectionString { get; private set; } = "";

    /// <summary>True when this fixture started the server itself (so it can stop and restart it).</summary>
    public bool OwnsServer => _dataDir is not null;

    private static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public async ValueTask InitializeAsync()
    {
        var overrideConnectionString = Environment.GetEnvironmentVariable(OverrideVariable);
        if (!string.IsNullOrWhiteSpace(overrideConnectionString))
        {
            AdminConnectionString = overrideConnectionString;
            return;
        }

        _binDir = await FindBinDirAsync();
        if (_binDir is null)
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

        var ct = CancellationToken.None;
        _asPostgresUser = (await ProcessRunner.RunCheckedAsync("id", ["-u"], ct)).Trim() == "0";
        _rootDir = Path.Combine(Path.GetTempPath(), "addongrains-pg-" + Guid.NewGuid().ToString("N")[..12]);
        _dataDir = Path.Combine(_rootDir, "data");
        Directory.CreateDirectory(_rootDir);
        if (_asPostgresUser)
        {
            // initdb refuses root: the server runs as postgres, which must own the directory.
            await ProcessRunner.RunCheckedAsync("chown", ["postgres:postgres", _rootDir], ct);
        }

        await RunPgAsync("initdb", ["-D", _dataDir, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-locale", "--no-sync"], ct);
        var port = FreePort.Next();
        // Durability is irrelevant for a throwaway server; speed is not.
        _serverOptions = $"-c listen_addresses=127.0.0.1 -p {port} -k {_dataDir} -c fsync=off "
            + "-c synchronous_commit=off -c full_page_writes=off -c max_connections=300";
        await RunPgAsync("pg_ctl", ["-D", _dataDir, "-l", Path.Combine(_rootDir, "server.log"), "-w", "-o", _serverOptions, "start"], ct);
        AdminConnectionString = new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = port,
            Username = "postgres",
            Database = "postgres",
        }.ConnectionString;
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
        await RunPgAsync("pg_ctl", ["-D", _dataDir!, "-m", "fast", "-w", "stop"], ct);
        NpgsqlConnection.ClearAllPools();
    }

    /// <summary>Starts the server again after <see cref="StopAsync"/>, with its original options.</summary>
    public async Task StartAsync(CancellationToken ct = default)
    {
        EnsureOwned();
        await RunPgAsync("pg_ctl", ["-D", _dataDir!, "-l", Path.Combine(_rootDir!, "server.log"), "-w", "-o", _serverOptions, "start"], ct);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (_dataDir is null)
        {
            await DropCreatedDatabasesAsync();
            return;
        }

        try
        {
            await RunPgAsync("pg_ctl", ["-D", _dataDir, "-m", "fast", "-w", "stop"], CancellationToken.None);
        }
        finally
        {
            Directory.Delete(_rootDir!, recursive: true);
        }
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

    private Task<string> RunPgAsync(string tool, IEnumerable<string> arguments, CancellationToken ct)
    {
        var path = Path.Combine(_binDir!, tool);
        return _asPostgresUser
            ? ProcessRunner.RunCheckedAsync("runuser", ["-u", "postgres", "--", path, .. arguments], ct)
            : ProcessRunner.RunCheckedAsync(path, arguments, ct);
    }

    private static async Task<string?> FindBinDirAsync()
    {
        try
        {
            var (exitCode, output) = await ProcessRunner.RunAsync("pg_config", ["--bindir"], CancellationToken.None);
            var dir = output.Trim();
            if (exitCode == 0 && File.Exists(Path.Combine(dir, "initdb")) && File.Exists(Path.Combine(dir, "pg_ctl")))
            {
                return dir;
            }
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // pg_config is not on PATH; try the Debian layout below.
        }

        const string debianRoot = "/usr/lib/postgresql";
        if (!Directory.Exists(debianRoot))
        {
            return null;
        }

        return Directory.GetDirectories(debianRoot)
            .Select(version => Path.Combine(version, "bin"))
            .Where(bin => File.Exists(Path.Combine(bin, "initdb")) && File.Exists(Path.Combine(bin, "pg_ctl")))
            .OrderByDescending(bin => int.TryParse(Path.GetFileName(Path.GetDirectoryName(bin)), out var v) ? v : 0)
            .FirstOrDefault();
    }
}
