using System.Text.Json;
using AddonGrains.IntegrationTests.Processes;

namespace AddonGrains.IntegrationTests.Cluster;

/// <summary>
/// Three silo "hosts" on one machine: each its own address, every one with the same silo, gateway and HTTP ports (the
/// way pods run), one PostgreSQL. Shared by the multi-address tests.
/// </summary>
internal static class ThreeHosts
{
    public static readonly string[] Addresses = ["127.0.0.2", "127.0.0.3", "127.0.0.4"];
    public static readonly string[] Clusters = ["h1", "h2", "h3"];

    /// <summary>Faster failure detection than Orleans' defaults (docs/operations.md, "failure detection").</summary>
    public static readonly Dictionary<string, string> Membership = new()
    {
        ["Orleans__Membership__ProbeTimeout"] = "00:00:01",
        ["Orleans__Membership__NumMissedProbesLimit"] = "2",
    };

    /// <summary>
    /// Starts one silo per address (side by side) with the same three ports; <paramref name="productTiming"/> leaves
    /// out <see cref="Membership"/> (the silo's own failure-detection defaults).
    /// </summary>
    public static async Task<SiloProcess[]> StartAsync(ProcessScenario scenario, IReadOnlyList<string> addresses, CancellationToken ct,
        Func<string, string[]?>? launcher = null, IDictionary<string, string>? environment = null, bool productTiming = false)
    {
        var ports = (FreePort.Next(), FreePort.Next(), FreePort.Next());
        var env = productTiming ? [] : new Dictionary<string, string>(Membership);
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            env[key] = value;
        }

        return await Task.WhenAll(addresses.Select((a, i) =>
            scenario.StartSiloOnHostAsync(a, ports, env, $"host{i + 1}", launcher?.Invoke(a), ct)));
    }

    /// <summary><c>addongrains silos -o json</c> through the membership table, as an operator runs it.</summary>
    public static async Task<JsonElement[]> SilosAsync(ProcessScenario scenario, params string[] extra)
    {
        var run = await Processes.Cli.RunAsync(["silos", "-o", "json", .. extra], CliEnvironment(scenario), TestContext.Current.CancellationToken);
        Assert.True(run.ExitCode == 0, $"silos exited {run.ExitCode}: {run.Stderr}");
        return [.. JsonDocument.Parse(run.Stdout).RootElement.EnumerateArray()];
    }

    public static Dictionary<string, string> CliEnvironment(ProcessScenario scenario) => new()
    {
        ["ConnectionStrings__Orleans"] = scenario.ConnectionString,
        ["ADDONGRAINS_CONNECT_TIMEOUT"] = "20",
    };

    /// <summary>Waits until <c>silos</c> shows exactly <paramref name="expected"/> Active members at those addresses.</summary>
    public static async Task<JsonElement[]> WaitForActiveAsync(ProcessScenario scenario, IEnumerable<string> expected, string what)
    {
        var want = expected.Order(StringComparer.Ordinal).ToArray();
        JsonElement[] active = [];
        await Wait.UntilAsync(async () =>
        {
            active = [.. (await SilosAsync(scenario)).Where(s => s.GetProperty("status").GetString() == "Active")];
            return active.Select(s => s.GetProperty("address").GetString()!.Split(':')[0]).Order(StringComparer.Ordinal).SequenceEqual(want);
        }, TimeSpan.FromSeconds(90), what);
        return active;
    }
}
