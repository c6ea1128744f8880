using AddonGrains.Client;
using AddonGrains.IntegrationTests.Security;

namespace AddonGrains.Tests.Cli;

/// <summary>The CLI's TLS files: checked before any connection, each problem naming the option or variable it came from.</summary>
public sealed class TlsOptionsTests
{
    [Fact]
    public async Task Status_PartialTlsOptions_IsAUsageErrorNamingTheMissingOne()
    {
        using var pki = new TestPki();
        var ca = pki.CreateCa("cli-ca");
        var files = pki.Write("cli", pki.Issue(ca, "cli"), ca);
        await using var connector = new OrleansClusterConnector(new ConnectionSettings(null, "addongrains", "addongrains", TimeSpan.FromSeconds(5)));

        var run = await Cli.RunAsync(connector, "status", "--gateway", "127.0.0.1:9", "--tls-cert", files.Certificate, "--tls-ca", files.Ca);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("--tls-key (or Orleans__Tls__Key): not set", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_TlsFromEnvironmentWithExpiredCertificate_NamesTheVariable()
    {
        using var pki = new TestPki();
        var ca = pki.CreateCa("cli-ca");
        var files = pki.Write("old", pki.Issue(ca, "old", TimeSpan.FromDays(-1)), ca);
        var settings = ConnectionSettings.FromEnvironment(files.Environment().GetValueOrDefault);
        await using var connector = new OrleansClusterConnector(settings with { ConnectTimeout = TimeSpan.FromSeconds(5) });

        var run = await Cli.RunAsync(connector, "status", "--gateway", "127.0.0.1:9");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("Orleans__Tls__Certificate: the certificate in", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("expired on", run.Stderr, StringComparison.Ordinal);
    }
}
