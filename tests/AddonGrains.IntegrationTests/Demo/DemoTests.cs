using System.Text.Json;
using AddonGrains.IntegrationTests.Abuse;
using AddonGrains.IntegrationTests.Processes;

namespace AddonGrains.IntegrationTests.Demo;

/// <summary>
/// The demo (<c>src/Demo</c>, the README's first command) tells its story to the end with no set-up, and the CLI reads the
/// result from it; the silo itself no longer runs it.
/// </summary>
[Collection(AbuseProcessGroup.Name)]
[Trait("Category", "Chaos")]
public sealed class DemoTests
{
    /// <summary>The story lines, in the order they must appear.</summary>
    private static readonly string[] Story =
    [
        "[demo] Baseline recorded: acm 2.8.0",
        "[demo] Cluster hub-east-1 upgraded to 2.9.0",
        "[demo] Cluster hub-west-2 upgraded to 2.9.0",
        "[demo] Cluster hub-eu-1 is the straggler: still on 2.8.0",
        "[demo] Cluster hub-eu-1 upgraded to 2.9.0: every cluster now runs it",
        "[demo] Converged on 2.9.0 (was 2.8.0)",
        "[demo] Build #1 of acm/addon-e2e finished: SUCCESS",
        "[demo] Notification delivered to the demo webhook: com.addongrains.buildFinished",
        "[demo] Demo complete.",
    ];

    [Fact]
    public async Task Demo_RunToCompletion_TellsTheStoryInOrderAndTheCliSeesTheResult()
    {
        var ct = TestContext.Current.CancellationToken;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        // The same story at a quarter of human speed (every wait of the script, the build and the polling scaled).
        await using var silo = SiloProcess.Start(configPath: null, connectionString: null, Pace("0.25"), name: "demo", dll: RepoPaths.DemoDll);

        await silo.WaitForLineAsync("Demo complete", TimeSpan.FromSeconds(90), ct);

        TestContext.Current.SendDiagnosticMessage($"demo complete after {clock.Elapsed.TotalSeconds:0.0} s");
        var lines = silo.Output;
        var positions = Story.Select(s => (Line: s, Index: FirstIndex(lines, s))).ToList();
        Assert.All(positions, p => Assert.True(p.Index >= 0, $"missing story line '{p.Line}':\n{silo.Tail(80)}"));
        Assert.Equal(positions.Select(p => p.Index).Order(), positions.Select(p => p.Index));
        Assert.Single(lines, l => l.Contains("[demo] Build #", StringComparison.Ordinal));

        var status = await CliJsonAsync(["status", "-o", "json", "--gateway", silo.Gateway], ct);
        var row = Assert.Single(status.EnumerateArray());
        Assert.Equal("demo-org", row.GetProperty("organization").GetString());
        Assert.Equal("acm", row.GetProperty("addon").GetString());
        Assert.Equal("Idle", row.GetProperty("phase").GetString());
        Assert.Equal("2.9.0", row.GetProperty("lastKnownVersion").GetString());
        Assert.Equal(5, row.GetProperty("clustersOnTarget").GetInt32());

        var history = await CliJsonAsync(["history", "demo-org", "acm", "-o", "json", "--gateway", silo.Gateway], ct);
        var trigger = Assert.Single(history.EnumerateArray());
        Assert.Equal("Succeeded", trigger.GetProperty("status").GetString());
        Assert.Equal("2.9.0", trigger.GetProperty("version").GetString());
        Assert.Equal("2.8.0", trigger.GetProperty("previousVersion").GetString());
        Assert.Equal("upgrade", trigger.GetProperty("direction").GetString());
        Assert.Equal(1, trigger.GetProperty("buildNumber").GetInt32());
        Assert.Equal("SUCCESS", trigger.GetProperty("result").GetString());
    }

    [Theory]
    [InlineData("fast")]
    [InlineData("0")]
    [InlineData("2")]
    public async Task Demo_WithBadPace_ExitsWithAClearErrorBeforeStarting(string pace)
    {
        var run = await SiloRun.RunAsync([], connectionString: "", Pace(pace), TimeSpan.FromSeconds(60), RepoPaths.DemoDll);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"ADDONGRAINS_DEMO_PACE must be a number from 0.05 to 1 (1 = human speed), not '{pace}'", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("[demo]", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Silo_WithDemoOption_ExitsAsAUsageErrorNamingTheDemoCommand()
    {
        var run = await SiloRun.RunAsync(["--demo"], connectionString: "", new Dictionary<string, string>(), TimeSpan.FromSeconds(60));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("error: --demo is no longer an option of the silo; the demo has a program of its own: dotnet run --project src/Demo", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("usage: AddonGrains.Silo [--config FILE] [--urls URL] | migrate", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("[demo]", run.Stdout, StringComparison.Ordinal);
    }

    private static Dictionary<string, string> Pace(string pace) => new() { ["ADDONGRAINS_DEMO_PACE"] = pace };

    private static int FirstIndex(IReadOnlyList<string> lines, string text)
    {
        for (var i = 0; i < lines.Count; i++)
        {
            if (lines[i].Contains(text, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    private static async Task<JsonElement> CliJsonAsync(string[] arguments, CancellationToken ct)
    {
        var result = await Cli.RunAsync(arguments, ct: ct);
        Assert.True(result.ExitCode == 0, $"addongrains {string.Join(' ', arguments)} exited {result.ExitCode}: {result.Stderr}");
        using var document = JsonDocument.Parse(result.Stdout);
        return document.RootElement.Clone();
    }
}
