using System.Globalization;
using AddonGrains.Simulators.Jenkins;
using AddonGrains.Simulators.Notifications;
using AddonGrains.Simulators.Ocm;
using AddonGrains.Simulators.World;

namespace AddonGrains.Demo;

/// <summary>
/// The demo (<c>dotnet run --project src/Demo</c>): the OCM and Jenkins simulators on loopback, a configuration pointing at them, and a scripted
/// rollout (<see cref="DemoScript"/>). Nothing to set up; secrets are demo values held in memory.
/// </summary>
internal sealed class DemoEnvironment : IAsyncDisposable
{
    public const string Organization = "demo-org";
    public const string OrgId = "demo-org-1";
    public const string Addon = "acm";
    public const string Job = "acm/addon-e2e";
    public static readonly string[] Clusters = ["hub-east-1", "hub-east-2", "hub-west-1", "hub-west-2", "hub-eu-1"];

    /// <summary>OCM-style opaque cluster ids, one per name in <see cref="Clusters"/>.</summary>
    public static readonly string[] ClusterIds = [.. Clusters.Select((_, i) => $"2a7c0demo{i:D4}00000000000000000000")];

    /// <summary>Scales the demo's waits (script, quiet period, build, polling ≥ 1 s); 1 is human speed, the tests use less.</summary>
    public const string PaceVariable = "ADDONGRAINS_DEMO_PACE";

    private DemoEnvironment(SimulatedWorld world, NotificationReceiver receiver, AddonGrainsSettings settings, double pace)
    {
        World = world;
        Receiver = receiver;
        Settings = settings;
        Pace = pace;
    }

    public double Pace { get; }

    public SimulatedWorld World { get; }

    public OcmSimulator Ocm => World.Ocm;

    /// <summary>The webhook receiver the demo's notifier posts CloudEvents to.</summary>
    public NotificationReceiver Receiver { get; }

    public AddonGrainsSettings Settings { get; }

    /// <summary>Starts the demo's world; null (after a clear error on stderr) when <see cref="PaceVariable"/> is not a valid pace.</summary>
    public static async Task<DemoEnvironment?> StartAsync()
    {
        if (ReadPace() is not { } pace)
        {
            return null;
        }

        var world = await SimulatedWorld.Build()
            .Names("demo-ocm", "demo-jenkins")
            .JenkinsCredentials("demo-bot", "11demo0000000000000000000000000000")
            .SecretEnvironmentPrefix("DEMO")
            .QuietPeriod(TimeSpan.FromSeconds(1) * pace)
            .Job(new JenkinsSimJob(Job)
            {
                Parameters = new Dictionary<string, string> { ["ADDON_VERSION"] = "", ["PREVIOUS_ADDON_VERSION"] = "", ["TRIGGER_ID"] = "", ["ENV"] = "demo" },
                BuildDuration = TimeSpan.FromSeconds(4) * pace,
            })
            .Organization(Organization, OrgId, org =>
            {
                org.Test(Addon, Job, new Dictionary<string, string> { ["ENV"] = "demo" });
                foreach (var (cluster, id) in Clusters.Zip(ClusterIds))
                {
                    org.Cluster(id, cluster, product: "rosa");
                }
            })
            .Polling(Seconds(5 * pace), Seconds(2 * pace), ocmConcurrency: 4)
            .StartAsync();
        var receiver = await NotificationReceiver.StartAsync();
        var yaml = world.Yaml + $"notifications:\n  - {{ name: demo-hook, on: [converged, buildFinished], webhook: {{ url: \"{receiver.Url("/demo-hook")}\" }} }}\n";
        return new DemoEnvironment(world, receiver, new SettingsLoader(world.Secret).Load(yaml, "demo configuration"), pace);
    }

    private static double? ReadPace()
    {
        if (Environment.GetEnvironmentVariable(PaceVariable) is not { Length: > 0 } text)
        {
            return 1;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var pace) && pace is >= 0.05 and <= 1)
        {
            return pace;
        }

        Console.Error.WriteLine($"error: {PaceVariable} must be a number from 0.05 to 1 (1 = human speed), not '{text}'.");
        return null;
    }

    /// <summary>A polling duration in whole seconds, at least the 1 s minimum.</summary>
    private static string Seconds(double seconds) => string.Create(CultureInfo.InvariantCulture, $"{Math.Max(1, (int)Math.Round(seconds))}s");

    public void AddScript(IServiceCollection services)
    {
        services.AddSingleton(this);
        services.AddHostedService<DemoScript>();
    }

    public async ValueTask DisposeAsync()
    {
        await Receiver.DisposeAsync();
        await World.DisposeAsync();
    }
}
