using System.Net.Sockets;
using System.Text;
using AddonGrains.IntegrationTests.Processes;

namespace AddonGrains.IntegrationTests.Abuse;

/// <summary>
/// Each invalid configuration stops the real silo process before anything starts. It exits non-zero,
/// names the key path on stderr, leaks no secret, opens no port and writes nothing to its (empty) database.
/// </summary>
[Collection(PortCheckGroup.Name)]
[Trait("Category", "Chaos")]
public sealed class BadConfigurationTests(PostgresFixture postgres)
{
    /// <summary>Lines that only a silo which got past the configuration would print.</summary>
    internal static readonly string[] StartedMarkers = ["Started silo", "Silo started", "Now listening on", "Application started"];

    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(30);

    public static TheoryData<string> Cases => [.. BadConfigs.All.Select(c => c.Name)];

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Silo_WithInvalidConfiguration_ExitsBeforeStartingAndWritesNothing(string name)
    {
        var bad = BadConfigs.Named(name);
        var connectionString = await postgres.CreateDatabaseAsync(TestContext.Current.CancellationToken);
        var dir = Directory.CreateTempSubdirectory("addongrains-badcfg-").FullName;
        try
        {
            var config = Path.Combine(dir, "addongrains.yaml");
            if (bad.Content is not null)
            {
                await File.WriteAllBytesAsync(config, Replace(bad.Content, "{dir}", dir), TestContext.Current.CancellationToken);
            }

            foreach (var (file, content) in bad.Files)
            {
                await File.WriteAllTextAsync(Path.Combine(dir, file), content, TestContext.Current.CancellationToken);
            }

            var run = await SiloRun.RunAsync(["--config", config], connectionString, Secrets(), ExitTimeout);

            TestContext.Current.SendDiagnosticMessage($"{name}: exit {run.ExitCode} after {run.Elapsed.TotalMilliseconds:0} ms: {run.Stderr.Trim()}");
            var expected = bad.Expected.Replace("{dir}", dir, StringComparison.Ordinal).Replace("{config}", config, StringComparison.Ordinal);
            Assert.NotEqual(0, run.ExitCode);
            Assert.Contains(expected, run.Stderr, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", run.Stderr, StringComparison.Ordinal);
            Assert.All(bad.Forbidden, secret => Assert.DoesNotContain(secret, run.Stdout + run.Stderr, StringComparison.Ordinal));
            Assert.All(StartedMarkers, marker => Assert.DoesNotContain(marker, run.Stdout + run.Stderr, StringComparison.OrdinalIgnoreCase));
            Assert.All([run.GatewayPort, run.SiloPort, run.HttpPort], port => Assert.False(IsListening(port), $"port {port} is listening"));
            Assert.Equal(0L, await PublicTableCountAsync(connectionString));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task Silo_WithValidConfigurationSavedWithBom_StartsAndCreatesSchema()
    {
        // The control: the base of every bad case is valid, the "started" markers do appear, and the table count moves.
        var connectionString = await postgres.CreateDatabaseAsync(TestContext.Current.CancellationToken);
        var dir = Directory.CreateTempSubdirectory("addongrains-goodcfg-").FullName;
        try
        {
            var config = Path.Combine(dir, "addongrains.yaml");
            await File.WriteAllBytesAsync(config, [.. Encoding.UTF8.Preamble, .. Encoding.UTF8.GetBytes(BadConfigs.ValidYaml)], TestContext.Current.CancellationToken);

            await using var silo = SiloProcess.Start(config, connectionString, Secrets());
            await silo.WaitUntilReadyAsync(TimeSpan.FromSeconds(90), TestContext.Current.CancellationToken);

            Assert.Contains(silo.Output, line => StartedMarkers.Any(m => line.Contains(m, StringComparison.OrdinalIgnoreCase)));
            Assert.True(IsListening(silo.GatewayPort), "the gateway port is not listening");
            Assert.True(await PublicTableCountAsync(connectionString) > 0, "the silo created no tables");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task Silo_WithConfigFlagWithoutValue_ExitsWithUsageErrorAndNoStackTrace()
    {
        var connectionString = await postgres.CreateDatabaseAsync(TestContext.Current.CancellationToken);

        var run = await SiloRun.RunAsync(["--config"], connectionString, Secrets(), ExitTimeout);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("--config", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Stderr, StringComparison.Ordinal);
        Assert.Equal(0L, await PublicTableCountAsync(connectionString));
    }

    internal static Dictionary<string, string> Secrets() => new()
    {
        [BadConfigs.OcmSecretVariable] = "abuse-ocm-secret-value",
        [BadConfigs.JenkinsTokenVariable] = "11abuse0token0value0000000000000000",
    };

    internal static Task<long> PublicTableCountAsync(string connectionString) =>
        Sql.ScalarAsync<long>(connectionString, "select count(*) from information_schema.tables where table_schema='public'");

    private static bool IsListening(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect("127.0.0.1", port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static byte[] Replace(byte[] content, string placeholder, string value)
    {
        // Only touches valid UTF-8; the invalid-UTF-8 case has no placeholder and must keep its bytes.
        var text = new UTF8Encoding(false, throwOnInvalidBytes: false).GetString(content);
        return text.Contains(placeholder, StringComparison.Ordinal) ? Encoding.UTF8.GetBytes(text.Replace(placeholder, value, StringComparison.Ordinal)) : content;
    }
}
