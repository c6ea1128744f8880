using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace AddonGrains.Persistence;

/// <summary>
/// Applies the project's numbered PostgreSQL schema scripts (<see cref="SchemaScript.All"/>) to a database.
/// Safe to run from several processes at once: a session advisory lock serializes migrators, each pending
/// script runs in its own transaction together with its row in <c>addongrains_schema_version</c>, and
/// re-running is a no-op.
/// </summary>
public sealed partial class SchemaMigrator
{
    /// <summary>The advisory lock key every migrator takes ("AddonGra" in ASCII).</summary>
    public const long AdvisoryLockKey = 0x4164_646F_6E47_7261;

    private const string EnsureVersionTableSql = """
        CREATE TABLE IF NOT EXISTS addongrains_schema_version (
            version     integer     PRIMARY KEY,
            applied_at  timestamptz NOT NULL DEFAULT now(),
            description text        NOT NULL
        );
        """;

    private readonly ILogger _logger;

    /// <summary>Creates a migrator that logs through <paramref name="logger"/>.</summary>
    public SchemaMigrator(ILogger<SchemaMigrator> logger) => _logger = logger;

    /// <summary>Creates a migrator that does not log.</summary>
    public SchemaMigrator() : this(NullLogger<SchemaMigrator>.Instance)
    {
    }

    /// <summary>The newest schema version this build ships.</summary>
    public static int LatestVersion => SchemaScript.All.Count == 0 ? 0 : SchemaScript.All[^1].Version;

    /// <summary>Applies every pending script and returns the versions it applied.</summary>
    public async Task<SchemaMigrationResult> ApplyAsync(string connectionString, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var target = new NpgsqlConnectionStringBuilder(connectionString);
        LogMigrating(_logger, target.Host, target.Port, target.Database, LatestVersion);

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await ExecuteAsync(connection, null, $"SELECT pg_advisory_lock({AdvisoryLockKey})", ct);
        try
        {
            await ExecuteAsync(connection, null, EnsureVersionTableSql, ct);
            var applied = await ReadAppliedVersionsAsync(connection, ct);
            var newlyApplied = new List<int>();
            foreach (var script in SchemaScript.All)
            {
                if (applied.Contains(script.Version))
                {
                    continue;
                }

                await using (var transaction = await connection.BeginTransactionAsync(ct))
                {
                    await ExecuteAsync(connection, transaction, script.Sql, ct);
                    await using var record = new NpgsqlCommand(
                        "INSERT INTO addongrains_schema_version (version, description) VALUES ($1, $2) ON CONFLICT (version) DO NOTHING",
                        connection, transaction);
                    record.Parameters.Add(new NpgsqlParameter { Value = script.Version });
                    record.Parameters.Add(new NpgsqlParameter { Value = script.Description });
                    await record.ExecuteNonQueryAsync(ct);
                    await transaction.CommitAsync(ct);
                }

                newlyApplied.Add(script.Version);
                LogApplied(_logger, script.Version, script.Description);
            }

            var current = await ReadCurrentVersionAsync(connection, ct);
            if (newlyApplied.Count == 0)
            {
                LogUpToDate(_logger, current);
            }

            return new SchemaMigrationResult(newlyApplied, current, LatestVersion);
        }
        finally
        {
            // Released on a fresh token: an abandoned lock would block every other migrator on this server.
            await ExecuteAsync(connection, null, $"SELECT pg_advisory_unlock({AdvisoryLockKey})", CancellationToken.None);
        }
    }

    /// <summary>The database's current schema version, 0 when no script has been applied.</summary>
    public static async Task<int> GetCurrentVersionAsync(string connectionString, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var exists = new NpgsqlCommand("SELECT to_regclass('addongrains_schema_version') IS NOT NULL", connection);
        return await exists.ExecuteScalarAsync(ct) is true ? await ReadCurrentVersionAsync(connection, ct) : 0;
    }

    private static async Task<HashSet<int>> ReadAppliedVersionsAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("SELECT version FROM addongrains_schema_version", connection);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var versions = new HashSet<int>();
        while (await reader.ReadAsync(ct))
        {
            versions.Add(reader.GetInt32(0));
        }

        return versions;
    }

    private static async Task<int> ReadCurrentVersionAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("SELECT coalesce(max(version), 0) FROM addongrains_schema_version", connection);
        return Convert.ToInt32(await command.ExecuteScalarAsync(ct));
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(ct);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Applying schema to {Host}:{Port}/{Database} (latest version {LatestVersion})")]
    private static partial void LogMigrating(ILogger logger, string? host, int port, string? database, int latestVersion);

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied schema version {Version} ({Description})")]
    private static partial void LogApplied(ILogger logger, int version, string description);

    [LoggerMessage(Level = LogLevel.Information, Message = "Schema is up to date at version {Version}")]
    private static partial void LogUpToDate(ILogger logger, int version);
}
