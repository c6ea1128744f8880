namespace AddonGrains.Testing;

/// <summary>
/// A throwaway PostgreSQL server started from the machine's binaries: initdb + pg_ctl on a free loopback port,
/// through <c>runuser -u postgres</c> when running as root (initdb refuses root). Durability is off (fsync,
/// synchronous commit, full page writes): the data lives as long as the test run or benchmark that started it.
/// Shared by the integration tests' fixture and the benchmark's several-silo run.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private const string DebianRoot = "/usr/lib/postgresql";
    private readonly string _binDir;
    private readonly string _rootDir;
    private readonly string _dataDir;
    private readonly string _serverOptions;
    private readonly bool _asPostgresUser;

    private PostgresServer(string binDir, string rootDir, bool asPostgresUser, int port)
    {
        _binDir = binDir;
        _rootDir = rootDir;
        _dataDir = Path.Combine(rootDir, "data");
        _asPostgresUser = asPostgresUser;
        Port = port;
        _serverOptions = $"-c listen_addresses=127.0.0.1 -p {port} -k {_dataDir} -c fsync=off "
            + "-c synchronous_commit=off -c full_page_writes=off -c max_connections=300";
    }

    public int Port { get; }

    /// <summary>Connection string (Npgsql syntax) to the server's maintenance database (<c>postgres</c>), trust authentication.</summary>
    public string AdminConnectionString => $"Host=127.0.0.1;Port={Port};Username=postgres;Database=postgres";

    /// <summary>The directory of <c>initdb</c> and <c>pg_ctl</c> (<c>pg_config --bindir</c>, else the newest Debian layout), or null.</summary>
    public static async Task<string?> FindBinDirAsync()
    {
        try
        {
            var (exitCode, output) = await ProcessRunner.RunAsync("pg_config", ["--bindir"], CancellationToken.None);
            var dir = output.Trim();
            if (exitCode == 0 && HasTools(dir))
            {
                return dir;
            }
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // pg_config is not on PATH; try the Debian layout below.
        }

        return Directory.Exists(DebianRoot)
            ? Directory.GetDirectories(DebianRoot)
                .Select(version => Path.Combine(version, "bin"))
                .Where(HasTools)
                .OrderByDescending(bin => int.TryParse(Path.GetFileName(Path.GetDirectoryName(bin)), out var v) ? v : 0)
                .FirstOrDefault()
            : null;
    }

    /// <summary>Creates a data directory under the temp directory and starts a server on it.</summary>
    public static async Task<PostgresServer> StartNewAsync(string binDir, CancellationToken ct = default)
    {
        var asPostgresUser = (await ProcessRunner.RunCheckedAsync("id", ["-u"], ct)).Trim() == "0";
        var rootDir = Path.Combine(Path.GetTempPath(), "addongrains-pg-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(rootDir);
        var server = new PostgresServer(binDir, rootDir, asPostgresUser, FreePort.Next());
        if (asPostgresUser)
        {
            // The server runs as postgres, which must own the directory.
            await ProcessRunner.RunCheckedAsync("chown", ["postgres:postgres", rootDir], ct);
        }

        await server.RunPgAsync("initdb", ["-D", server._dataDir, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-locale", "--no-sync"], ct);
        await server.StartAsync(ct);
        return server;
    }

    /// <summary>Starts the server (again) with its original options and the log file (a bare <c>pg_ctl restart</c> would hand it our stdout pipe).</summary>
    public Task StartAsync(CancellationToken ct = default) =>
        RunPgAsync("pg_ctl", ["-D", _dataDir, "-l", Path.Combine(_rootDir, "server.log"), "-w", "-o", _serverOptions, "start"], ct);

    /// <summary>Stops the server (<c>pg_ctl stop -m fast</c>).</summary>
    public Task StopAsync(CancellationToken ct = default) => RunPgAsync("pg_ctl", ["-D", _dataDir, "-m", "fast", "-w", "stop"], ct);

    /// <summary>Stops the server and deletes its directory.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync(CancellationToken.None);
        }
        finally
        {
            Directory.Delete(_rootDir, recursive: true);
        }
    }

    private static bool HasTools(string dir) => File.Exists(Path.Combine(dir, "initdb")) && File.Exists(Path.Combine(dir, "pg_ctl"));

    private Task<string> RunPgAsync(string tool, IEnumerable<string> arguments, CancellationToken ct)
    {
        var path = Path.Combine(_binDir, tool);
        return _asPostgresUser
            ? ProcessRunner.RunCheckedAsync("runuser", ["-u", "postgres", "--", path, .. arguments], ct)
            : ProcessRunner.RunCheckedAsync(path, arguments, ct);
    }
}
