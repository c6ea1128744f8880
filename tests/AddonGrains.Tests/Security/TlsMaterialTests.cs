using System.Security.Cryptography.X509Certificates;
using AddonGrains.Grains.Hosting;
using AddonGrains.Grains.Rollouts;
using AddonGrains.IntegrationTests.Security;
using AddonGrains.Security;

namespace AddonGrains.Tests.Security;

public sealed class TlsMaterialTests : IDisposable
{
    private readonly TestPki _pki = new();
    private readonly X509Certificate2 _ca;
    private readonly X509Certificate2 _foreignCa;

    public TlsMaterialTests()
    {
        _ca = _pki.CreateCa("test-ca");
        _foreignCa = _pki.CreateCa("foreign-ca");
    }

    public static TheoryData<string> BadInputs => ["missing certificate file", "key of another certificate", "expired certificate", "foreign CA", "empty CA bundle", "key not set"];

    [Fact]
    public void Load_GoodFiles_GivesTheCertificateWithItsKeyAndTheCa()
    {
        var files = _pki.Write("silo", _pki.Issue(_ca, "silo-a"), _ca);

        var material = TlsMaterial.Load(Paths(files)!, server: true, DateTimeOffset.UtcNow);

        Assert.True(material.Certificate.HasPrivateKey);
        Assert.Equal("CN=silo-a", material.Certificate.Subject);
        Assert.Equal(_ca.Thumbprint, Assert.Single(material.Authorities).Thumbprint);
    }

    [Theory]
    [MemberData(nameof(BadInputs))]
    public void Load_BadInput_NamesTheSetting(string input)
    {
        var good = _pki.Write("good", _pki.Issue(_ca, "good"), _ca);
        var (files, setting, problem) = input switch
        {
            "missing certificate file" => (good with { Certificate = good.Certificate + ".gone" }, "Orleans__Tls__Certificate", "does not exist"),
            "key of another certificate" => (good with { Key = _pki.Write("other", _pki.Issue(_ca, "other"), _ca).Key }, "Orleans__Tls__Key", "does not match the certificate"),
            "expired certificate" => (_pki.Write("old", _pki.Issue(_ca, "old", TimeSpan.FromDays(-1)), _ca), "Orleans__Tls__Certificate", "expired on"),
            "foreign CA" => (_pki.Write("alien", _pki.Issue(_foreignCa, "alien"), _ca), "Orleans__Tls__Ca", "did not sign the certificate"),
            "empty CA bundle" => (good with { Ca = EmptyFile() }, "Orleans__Tls__Ca", "holds no PEM certificate"),
            _ => (good with { Key = "" }, "Orleans__Tls__Key", "not set, but Orleans__Tls__Certificate, Orleans__Tls__Ca are"),
        };

        var error = Assert.Throws<TlsSettingException>(() => TlsMaterial.Load(Paths(files)!, server: true, DateTimeOffset.UtcNow));

        Assert.Equal(setting, error.Setting);
        Assert.StartsWith($"{setting}: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromVariables_NoneSet_IsOff()
    {
        Assert.Null(TlsPaths.FromVariables(_ => null));
    }

    [Fact]
    public void PeerCheck_OnlyCertificatesFromTheCaBundle_Pass()
    {
        var authorities = new X509Certificate2Collection(_ca);

        Assert.Null(PeerCertificates.Check(_pki.Issue(_ca, "peer"), authorities, DateTimeOffset.UtcNow));
        Assert.NotNull(PeerCertificates.Check(_pki.Issue(_foreignCa, "stranger"), authorities, DateTimeOffset.UtcNow));
        Assert.NotNull(PeerCertificates.Check(_foreignCa, authorities, DateTimeOffset.UtcNow));
    }

    [Fact]
    public void Source_FilesRotated_NextHandshakeGetsTheNewCertificate_AndBadFilesAreIgnored()
    {
        var files = _pki.Write("rotating", _pki.Issue(_ca, "before"), _ca);
        var source = TlsMaterialSource.Load(Paths(files)!, server: true, TimeProvider.System);
        var first = source.Current.Certificate.Subject;

        Rewrite(files, _pki.Write("next", _pki.Issue(_ca, "after"), _ca), step: 1);
        var rotated = source.Current.Certificate.Subject;
        Rewrite(files, _pki.Write("bad", _pki.Issue(_foreignCa, "alien"), _ca), step: 2);
        var afterBadFiles = source.Current.Certificate.Subject;

        Assert.Equal(("CN=before", "CN=after", "CN=after"), (first, rotated, afterBadFiles));
    }

    [Fact]
    public void ActorOf_WithMutualTls_IsTheCertificateSubject_ElseTheUnauthenticatedUser()
    {
        var request = new OperatorRequest("why", "alice", "laptop", "CN=ops-cli");
        var tls = new TransportSecurity(() => new TransportCertificate("CN=silo", DateTimeOffset.UtcNow.AddDays(30)));

        Assert.Equal(("CN=ops-cli", true), OperatorAudit.ActorOf(request, tls));
        Assert.Equal(("alice@laptop (unauthenticated)", false), OperatorAudit.ActorOf(request, TransportSecurity.Plaintext));
        Assert.Equal(("alice@laptop (unauthenticated)", false), OperatorAudit.ActorOf(request with { CertificateSubject = null }, tls));
    }

    public void Dispose() => _pki.Dispose();

    private static TlsPaths? Paths(TlsFiles files) => TlsPaths.FromVariables(files.Environment().GetValueOrDefault);

    private string EmptyFile()
    {
        var path = Path.Combine(_pki.Directory, "empty.pem");
        File.WriteAllText(path, "");
        return path;
    }

    // A distinct write time per step even on coarse file-system clocks: rotation is detected by the time stamps.
    private static void Rewrite(TlsFiles target, TlsFiles from, int step)
    {
        foreach (var (to, source) in new[] { (target.Certificate, from.Certificate), (target.Key, from.Key), (target.Ca, from.Ca) })
        {
            File.Copy(source, to, overwrite: true);
            File.SetLastWriteTimeUtc(to, new DateTime(2030, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddMinutes(step));
        }
    }
}
