using AddonGrains.Configuration;

namespace AddonGrains.Tests.Configuration;

/// <summary><c>history: { keep, triggerStateRetention }</c>: defaults, values, and errors with their key path.</summary>
public sealed class HistorySettingsTests
{
    private static SettingsLoader Loader() => new(name => name switch { "OCM_SECRET" => "s", "JENKINS_TOKEN" => "t", _ => null });

    [Fact]
    public void Load_WithoutHistory_UsesTheContractDefaults()
    {
        var settings = Loader().Load(SettingsLoaderTests.Valid);

        Assert.Equal(new HistorySettings(50, TimeSpan.FromDays(90)), settings.History);
    }

    [Fact]
    public void Load_WithHistory_ReadsKeepAndRetention()
    {
        var settings = Loader().Load(SettingsLoaderTests.Valid + "\nhistory: { keep: 7, triggerStateRetention: 36h }\n");

        Assert.Equal(new HistorySettings(7, TimeSpan.FromHours(36)), settings.History);
    }

    [Theory]
    [InlineData("history: { keep: 0 }", "history.keep: expected a whole number from 1 to 1000")]
    [InlineData("history: { keep: lots }", "history.keep: expected a whole number from 1 to 1000")]
    [InlineData("history: { keep: 1001 }", "history.keep: expected a whole number from 1 to 1000")]
    [InlineData("history: { triggerStateRetention: forever }", "history.triggerStateRetention")]
    [InlineData("history: { keeep: 5 }", "history.keeep")]
    public void Load_BadHistory_NamesTheKeyPath(string line, string expected)
    {
        var errors = Assert.Throws<ConfigurationException>(() => Loader().Load(SettingsLoaderTests.Valid + "\n" + line + "\n")).Errors;

        Assert.Contains(errors, e => e.StartsWith(expected, StringComparison.Ordinal));
    }
}
