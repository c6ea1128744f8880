namespace AddonGrains.IntegrationTests.Security;

/// <summary>The three PEM paths of one party, and the <c>Orleans__Tls__*</c> environment (or CLI options) that name them.</summary>
public sealed record TlsFiles(string Certificate, string Key, string Ca)
{
    public Dictionary<string, string> Environment() => new()
    {
        ["Orleans__Tls__Certificate"] = Certificate,
        ["Orleans__Tls__Key"] = Key,
        ["Orleans__Tls__Ca"] = Ca,
    };

    public string[] CliOptions() => ["--tls-cert", Certificate, "--tls-key", Key, "--tls-ca", Ca];

    public AddonGrains.Security.TlsPaths Paths() => AddonGrains.Security.TlsPaths.FromVariables(Environment().GetValueOrDefault)!;
}
