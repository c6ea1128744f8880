using AddonGrains.Configuration;
using AddonGrains.Grains.Registry;

namespace AddonGrains.Tests.Configuration;

/// <summary>The <c>reload</c> key, content hashes, swapping the running configuration, and version order.</summary>
public sealed class ReloadConfigurationTests
{
    private static readonly Dictionary<string, string> Env = new() { ["OCM_SECRET"] = "o1", ["JENKINS_TOKEN"] = "j1" };

    private static AddonGrainsSettings Load(string yaml, string jenkinsToken = "j1") =>
        new SettingsLoader(n => n == "JENKINS_TOKEN" ? jenkinsToken : Env.GetValueOrDefault(n)).Load(yaml);

    [Fact]
    public void Reload_DefaultsTo30sAndAcceptsAnInterval()
    {
        Assert.Equal(TimeSpan.FromSeconds(30), Load(SettingsLoaderTests.Valid).Reload.Interval);
        Assert.Equal(TimeSpan.FromSeconds(2), Load(SettingsLoaderTests.Valid + "\nreload: { interval: 2s }").Reload.Interval);
    }

    [Theory]
    [InlineData("reload: { interval: 500ms }", "reload.interval: '500ms' is shorter than the minimum of 1s")]
    [InlineData("reload: { every: 5s }", "reload.every: unknown key (expected one of: interval)")]
    public void Reload_BadValue_NamesTheKeyPath(string line, string expected)
    {
        var ex = Assert.Throws<ConfigurationException>(() => Load(SettingsLoaderTests.Valid + "\n" + line));
        Assert.Contains(expected, ex.Errors);
    }

    [Fact]
    public void Hash_IsTheContentHash_SameForSameBytesDifferentOtherwise()
    {
        var a = Load(SettingsLoaderTests.Valid);
        Assert.Equal(16, a.Hash.Length);
        Assert.Equal(a.Hash, Load(SettingsLoaderTests.Valid).Hash);
        Assert.NotEqual(a.Hash, Load(SettingsLoaderTests.Valid + "\n# a comment").Hash);
    }

    [Fact]
    public void ApplyIfChanged_SameFileAndSecrets_KeepsRunning_RotatedSecretOrNewContent_Applies()
    {
        var source = new SettingsSource(Load(SettingsLoaderTests.Valid));
        var applied = new List<string>();
        source.Applied += (_, current) => applied.Add(current.Settings.Jenkins[0].Token!.Value);

        Assert.False(source.ApplyIfChanged(Load(SettingsLoaderTests.Valid)));
        Assert.True(source.ApplyIfChanged(Load(SettingsLoaderTests.Valid, jenkinsToken: "j2")));
        Assert.Equal("j2", source.Current.Jenkins[0].Token!.Value);
        Assert.True(source.ApplyIfChanged(Load(SettingsLoaderTests.Valid + "\nreload: { interval: 5s }", jenkinsToken: "j2")));
        Assert.Equal(["j2", "j2"], applied);
    }

    [Fact]
    public void Reject_KeepsTheRunningConfiguration_AndDescribesTheDifference_UntilAValidFileIsApplied()
    {
        var running = Load(SettingsLoaderTests.Valid);
        var source = new SettingsSource(running);
        Assert.Null(source.Status.Describe());

        source.Reject("abcd", ["organizations[0].orgId: required"]);
        Assert.Same(running, source.Current);
        Assert.Equal($"the running configuration ({running.Hash}) is not the file's (abcd): the file is invalid and was not applied: organizations[0].orgId: required",
            source.Status.Describe());

        source.ApplyIfChanged(Load(SettingsLoaderTests.Valid));
        Assert.True(source.Status.IsCurrent);
    }

    [Fact]
    public void Reject_FromAppInterface_SaysAppInterfaceOrVaultFailed_NotThatTheFileIsInvalid()
    {
        var running = Load(SettingsLoaderTests.Valid);
        var source = new SettingsSource(running);

        source.Reject("abcd", ["appInterface.graphqlUrl: app-interface did not answer (HTTP 503)"], fromAppInterface: true);

        Assert.Same(running, source.Current);
        Assert.Equal($"the running configuration ({running.Hash}) is not app-interface's (file abcd): app-interface or Vault could not be read, " +
            "or what they serve is invalid, so nothing was applied: appInterface.graphqlUrl: app-interface did not answer (HTTP 503)", source.Status.Describe());
    }

    [Theory]
    // proposed, previous on the silo, applied by the registry, superseded → refused?
    [InlineData("h1", null, null, "", false)]      // nothing applied yet
    [InlineData("h2", null, "h2", "h1", false)]    // the same configuration again (a silo restart)
    [InlineData("h3", "h2", "h2", "h1", false)]    // an edit of the applied configuration
    [InlineData("h1", "h2", "h2", "h1", false)]    // an edit back to an older content is still an edit
    [InlineData("h3", null, "h2", "h1", false)]    // never seen: newer
    [InlineData("h1", null, "h2", "h1", true)]     // a silo starting with a replaced configuration
    [InlineData("h1", "h0", "h2", "h0,h1", true)]  // a silo moving between two replaced configurations
    public void ConfigOrder_OlderNeverUndoesNewer(string proposed, string? previous, string? applied, string superseded, bool refused)
    {
        var replaced = superseded.Split(',', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(refused, ConfigOrder.Refusal(new ConfigVersion(proposed, previous), applied, replaced) is not null);
    }

    [Fact]
    public void ConfigOrder_Supersede_RemembersReplacedHashesBounded()
    {
        var list = new List<string>();
        string? applied = null;
        for (var i = 0; i < ConfigOrder.Remembered + 10; i++)
        {
            list = ConfigOrder.Supersede(list, applied, $"h{i}");
            applied = $"h{i}";
        }

        Assert.Equal(ConfigOrder.Remembered, list.Count);
        Assert.Equal($"h{ConfigOrder.Remembered + 8}", list[^1]);
        Assert.DoesNotContain(applied, list);
        Assert.DoesNotContain("h0", ConfigOrder.Supersede(["h0", "h1"], "h2", "h0"));
    }
}
