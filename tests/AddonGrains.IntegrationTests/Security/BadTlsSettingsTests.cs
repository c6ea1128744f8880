using AddonGrains.IntegrationTests.Abuse;
using AddonGrains.IntegrationTests.Processes;

namespace AddonGrains.IntegrationTests.Security;

/// <summary>Each bad TLS input stops the real silo process at start with exit 2 naming the setting; never plaintext.</summary>
[Collection(ReloadProcessGroup.Name)]
public sealed class BadTlsSettingsTests
{
    public static TheoryData<string> Cases => ["only the certificate set", "missing key file", "key of another certificate", "expired certificate", "CA that signed nothing of ours"];

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Silo_WithBadTlsInput_ExitsWith2NamingTheSetting(string input)
    {
        using var pki = new TestPki();
        var ca = pki.CreateCa("test-ca");
        var good = pki.Write("good", pki.Issue(ca, "silo"), ca);
        var (environment, setting, problem) = input switch
        {
            "only the certificate set" => (new Dictionary<string, string> { ["Orleans__Tls__Certificate"] = good.Certificate }, "Orleans__Tls__Key", "not set"),
            "missing key file" => ((good with { Key = good.Key + ".gone" }).Environment(), "Orleans__Tls__Key", "does not exist"),
            "key of another certificate" => ((good with { Key = pki.Write("other", pki.Issue(ca, "other"), ca).Key }).Environment(), "Orleans__Tls__Key", "does not match"),
            "expired certificate" => (pki.Write("old", pki.Issue(ca, "old", TimeSpan.FromDays(-2)), ca).Environment(), "Orleans__Tls__Certificate", "expired on"),
            _ => ((good with { Ca = pki.Write("foreign", pki.Issue(pki.CreateCa("foreign-ca"), "x"), pki.CreateCa("unrelated-ca")).Ca }).Environment(), "Orleans__Tls__Ca", "did not sign"),
        };
        var config = Path.Combine(pki.Directory, "addongrains.yaml");
        await File.WriteAllTextAsync(config, BadConfigs.ValidYaml, TestContext.Current.CancellationToken);
        var secrets = BadConfigurationTests.Secrets();
        foreach (var (key, value) in environment)
        {
            secrets[key] = value;
        }

        var run = await SiloRun.RunAsync(["--config", config], "", secrets, TimeSpan.FromSeconds(60));

        Assert.True(run.ExitCode == 2, $"exit {run.ExitCode}: {run.Stderr}");
        Assert.StartsWith($"error: {setting}: ", run.Stderr, StringComparison.Ordinal);
        Assert.Contains(problem, run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Stderr, StringComparison.Ordinal);
        Assert.All(BadConfigurationTests.StartedMarkers, m => Assert.DoesNotContain(m, run.Stdout + run.Stderr, StringComparison.OrdinalIgnoreCase));
    }
}
