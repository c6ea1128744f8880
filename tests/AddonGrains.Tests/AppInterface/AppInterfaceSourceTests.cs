using AddonGrains.Configuration;
using AddonGrains.Silo.Hosting;
using Microsoft.Extensions.Logging.Abstractions;

namespace AddonGrains.Tests.AppInterface;

/// <summary>
/// The configuration from app-interface (qontract-server and Vault simulators over real HTTP): the same
/// settings a file would give, validation with app-interface paths, new bundles, rotated secrets and outages.
/// </summary>
public sealed class AppInterfaceSourceTests : IAsyncLifetime
{
    private const string OcmSecret = "ocm-client-secret-value";
    private const string JenkinsToken = "11jenkins0token0000000000000000000";
    private readonly string _dir = Directory.CreateTempSubdirectory("addongrains-ai-").FullName;
    private AppInterfaceWorld _world = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string ConfigPath => Path.Combine(_dir, "config.yaml");

    public async ValueTask InitializeAsync()
    {
        _world = await AppInterfaceWorld.StartAsync(_dir, new Uri("http://127.0.0.1:9/"), new Uri("http://127.0.0.1:9/token"), "client-1", OcmSecret,
            new Uri("http://127.0.0.1:10/jenkins"), JenkinsToken, Ct);
        await File.WriteAllTextAsync(ConfigPath, _world.Yaml("polling: { interval: 1s }\nreload: { interval: 2s }"), Ct);
    }

    public async ValueTask DisposeAsync()
    {
        await _world.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task Read_Bundle_GivesTheSubscriptionsOcmAndJenkinsWithVaultSecrets_IgnoringOrgsWithoutTests()
    {
        _world.Publish(1_700_000_000,
            new AppInterfaceOrg("fleet", "org-fleet", new AppInterfaceTest("acm", "e2e/acm"), new AppInterfaceTest("mce", "smoke")),
            new AppInterfaceOrg("untested", "org-untested"));

        var settings = await ConfigurationReader.FromEnvironment(ConfigPath).ReadAsync(Ct);

        var org = Assert.Single(settings.Organizations);
        Assert.Equal(("fleet", "org-fleet", "sim"), (org.Name, org.OrgId, org.Ocm));
        Assert.Equal(["acm|ci|e2e/acm", "mce|ci|smoke"], org.AddonUpgradeTests.Select(t => $"{t.Addon}|{t.Instance}|{t.Name}"));
        var ocm = Assert.Single(settings.Ocm);
        Assert.Equal((OcmSecret, "client-1", "http://127.0.0.1:9/token"), (ocm.AccessTokenClientSecret.Value, ocm.AccessTokenClientId, ocm.AccessTokenUrl.ToString()));
        Assert.Equal((AddonsApi.AddonsMgmt, true), (ocm.AddonsApi, ocm.AddonStatus));
        var jenkins = Assert.Single(settings.Jenkins);
        Assert.Equal(("ci", "http://127.0.0.1:10/jenkins", "bot", JenkinsToken), (jenkins.Name, jenkins.ServerUrl.ToString(), jenkins.User, jenkins.Token!.Value));
        Assert.Equal(1_700_000_000, settings.BundleTimestamp);
        Assert.Equal(TimeSpan.FromSeconds(2), settings.Reload.Interval);
        Assert.DoesNotContain(JenkinsToken, settings.Jenkins[0].Token!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_NewBundleOnly_QueriesAgain_AndChangesTheHash_RotatedTokenIsReadEveryTime()
    {
        var reader = ConfigurationReader.FromEnvironment(ConfigPath);
        _world.Publish(100, new AppInterfaceOrg("fleet", "org-fleet", new AppInterfaceTest("acm", "job")));
        var first = await reader.ReadAsync(Ct);
        var queries = _world.Qontract.Queries;

        _world.SetJenkinsToken("rotated-token");
        var same = await reader.ReadAsync(Ct);
        Assert.Equal(queries, _world.Qontract.Queries); // same bundle: no query, but the secrets are read again
        Assert.Equal(first.Hash, same.Hash);
        Assert.Equal("rotated-token", same.Jenkins[0].Token!.Value);
        var source = new SettingsSource(first);
        Assert.True(source.ApplyIfChanged(same));

        _world.Publish(200, new AppInterfaceOrg("fleet", "org-fleet", new AppInterfaceTest("acm", "job"), new AppInterfaceTest("mce", "job")));
        var next = await reader.ReadAsync(Ct);
        Assert.Equal(queries + 1, _world.Qontract.Queries);
        Assert.NotEqual(first.Hash, next.Hash);
        Assert.Equal(200, next.BundleTimestamp);
        Assert.Equal(2, next.RolloutKeys.Length);
    }

    [Fact]
    public async Task Read_InvalidItems_NameTheAppInterfacePath()
    {
        _world.Publish(100,
            new AppInterfaceOrg("quiet", "org-quiet"),
            new AppInterfaceOrg("fleet", "org fleet!", new AppInterfaceTest("acm", "job"), new AppInterfaceTest("-bad", "job")));

        var ex = await Assert.ThrowsAsync<ConfigurationException>(() => ConfigurationReader.FromEnvironment(ConfigPath).ReadAsync(Ct));

        Assert.Contains(ex.Errors, e => e.StartsWith("ocm_instances_v1[1].orgId: 'org fleet!' is not a valid OCM organization id", StringComparison.Ordinal));
        Assert.Contains(ex.Errors, e => e.StartsWith("ocm_instances_v1[1].addonUpgradeTests[1].addon.name: '-bad' is not a valid OCM add-on id", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Read_VaultOrQontractDown_FailsNamingWhat_WithoutSecrets()
    {
        _world.Publish(100, new AppInterfaceOrg("fleet", "org-fleet", new AppInterfaceTest("acm", "job")));
        var reader = ConfigurationReader.FromEnvironment(ConfigPath);

        _world.Vault.Unavailable = true;
        var vault = await Assert.ThrowsAsync<ConfigurationException>(() => reader.ReadAsync(Ct));
        Assert.Contains("vault", vault.Message, StringComparison.Ordinal);
        _world.Vault.Unavailable = false;

        _world.Qontract.FailQueries = "bundle broken";
        _world.Publish(200, new AppInterfaceOrg("fleet", "org-fleet"));
        var qontract = await Assert.ThrowsAsync<ConfigurationException>(() => reader.ReadAsync(Ct));
        Assert.Equal("appInterface: qontract-server: the query failed: bundle broken", Assert.Single(qontract.Errors));
        foreach (var message in new[] { vault.Message, qontract.Message })
        {
            Assert.DoesNotContain(JenkinsToken, message, StringComparison.Ordinal);
            Assert.DoesNotContain("secret-addongrains", message, StringComparison.Ordinal);
            Assert.DoesNotContain(AppInterfaceWorld.Authorization, message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("ocm: []", "ocm: not allowed with 'appInterface', which provides it")]
    [InlineData("", "appInterface.vault.roleId: required (as { env: VAR } or { file: /path })")]
    public async Task File_AppInterfaceBlock_IsValidated(string extra, string expected)
    {
        var yaml = extra.Length > 0 ? _world.Yaml(extra) : _world.Yaml().Replace("roleId:", "role:", StringComparison.Ordinal);
        await File.WriteAllTextAsync(ConfigPath, yaml, Ct);
        var ex = await Assert.ThrowsAsync<ConfigurationException>(() => ConfigurationReader.FromEnvironment(ConfigPath).ReadAsync(Ct));
        Assert.Contains(expected, ex.Errors);
    }

    [Fact]
    public async Task Watcher_VaultOutageAtReload_KeepsTheLastGoodConfiguration_ThenAppliesTheNewBundle()
    {
        _world.Publish(100, new AppInterfaceOrg("fleet", "org-fleet", new AppInterfaceTest("acm", "job"), new AppInterfaceTest("mce", "job")));
        var reader = ConfigurationReader.FromEnvironment(ConfigPath);
        var source = new SettingsSource(await reader.ReadAsync(Ct));
        var running = source.Current;
        using var watcher = new ConfigFileWatcher(reader, source, NullLogger<ConfigFileWatcher>.Instance);

        _world.Vault.Unavailable = true;
        _world.Publish(200, new AppInterfaceOrg("fleet", "org-fleet", new AppInterfaceTest("acm", "job")));
        await watcher.ReloadAsync(signalled: false, Ct);
        Assert.Same(running, source.Current);
        Assert.Equal(2, source.Current.RolloutKeys.Length);
        Assert.Contains(source.Status.Errors, e => e.Contains("vault", StringComparison.Ordinal));

        _world.Vault.Unavailable = false;
        await watcher.ReloadAsync(signalled: false, Ct);
        Assert.Equal(["fleet/acm"], source.Current.RolloutKeys);
        Assert.Equal(200, source.Current.BundleTimestamp);
        Assert.True(source.Status.IsCurrent);
    }

    [Fact]
    public async Task Startup_QontractUnreachable_DoesNotStart()
    {
        _world.Qontract.FailQueries = "down";
        _world.Publish(100, new AppInterfaceOrg("fleet", "org-fleet", new AppInterfaceTest("acm", "job")));
        Assert.Null(await SiloStartup.LoadSettingsAsync(SiloStartup.Reader(SiloArguments.Parse(["--config", ConfigPath]))));
    }

    [Theory]
    [InlineData(true, "is not app-interface's")]
    [InlineData(false, "the file is invalid")]
    public async Task Watcher_RejectedReload_IsWordedByWhatFailed_VaultOrTheFile(bool vaultDown, string wording)
    {
        _world.Publish(100, new AppInterfaceOrg("fleet", "org-fleet", new AppInterfaceTest("acm", "job")));
        var reader = ConfigurationReader.FromEnvironment(ConfigPath);
        var source = new SettingsSource(await reader.ReadAsync(Ct));
        using var watcher = new ConfigFileWatcher(reader, source, NullLogger<ConfigFileWatcher>.Instance);

        _world.Vault.Unavailable = vaultDown;
        if (!vaultDown)
        {
            await File.WriteAllTextAsync(ConfigPath, _world.Yaml().Replace("roleId:", "role:", StringComparison.Ordinal), Ct);
        }
        await watcher.ReloadAsync(signalled: false, Ct);

        Assert.Contains(wording, source.Status.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Watcher_OnTheStartupReader_DoesNotFetchAnUnchangedBundleAgain()
    {
        _world.Publish(100, new AppInterfaceOrg("fleet", "org-fleet", new AppInterfaceTest("acm", "job")));
        var reader = SiloStartup.Reader(SiloArguments.Parse(["--config", ConfigPath]))!;
        var source = new SettingsSource((await SiloStartup.LoadSettingsAsync(reader))!);
        var queries = _world.Qontract.Queries;
        using var watcher = new ConfigFileWatcher(reader, source, NullLogger<ConfigFileWatcher>.Instance);

        await watcher.ReloadAsync(signalled: false, Ct);
        await watcher.ReloadAsync(signalled: false, Ct);

        Assert.Equal(1, queries);
        Assert.Equal(queries, _world.Qontract.Queries); // /sha256 is asked each time; the bundle itself only once
        Assert.True(source.Status.IsCurrent);

        _world.Publish(200, new AppInterfaceOrg("fleet", "org-fleet", new AppInterfaceTest("acm", "job"), new AppInterfaceTest("mce", "job")));
        await watcher.ReloadAsync(signalled: false, Ct);
        Assert.Equal(queries + 1, _world.Qontract.Queries);
        Assert.Equal(2, source.Current.RolloutKeys.Length);
    }
}
