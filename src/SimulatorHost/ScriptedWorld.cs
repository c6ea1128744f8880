using System.Net;
using AddonGrains.Simulators.Jenkins;
using AddonGrains.Simulators.World;

namespace AddonGrains.SimulatorHost;

/// <summary>
/// The world the simulators' container serves (docs/operations.md, "Run it in containers"): OCM on port 8000 (with its
/// SSO token endpoint) and Jenkins on 8001, on every address of the container, named by <c>SIMULATORS_HOST</c> in
/// the URLs they hand out. One organization, <see cref="OrgId"/>, with <see cref="ClusterCount"/> clusters on
/// <see cref="Addon"/> <see cref="InitialVersion"/>, and the Jenkins job <see cref="Job"/>. The credentials they accept
/// come from the environment, as the silos' do: <c>OCM_CLIENT_ID</c> (default <c>addongrains</c>) and
/// <c>OCM_CLIENT_SECRET</c>, <c>JENKINS_USER</c> (default <c>addongrains-bot</c>) and <c>JENKINS_TOKEN</c>.
/// </summary>
internal static class ScriptedWorld
{
    public const int OcmPort = 8000;
    public const int JenkinsPort = 8001;
    public const string OrgId = "sim-org-1";
    public const string Addon = "acm";
    public const string InitialVersion = "2.8.0";
    public const string Job = "acm/addon-e2e";
    public const int ClusterCount = 5;

    public static string[] ClusterIds { get; } = [.. Enumerable.Range(1, ClusterCount).Select(i => $"sim-cluster-{i}")];

    /// <summary>Starts the world; throws <see cref="ArgumentException"/> naming a missing or empty variable.</summary>
    public static Task<SimulatedWorld> StartAsync(Func<string, string?> environment, CancellationToken cancellationToken)
    {
        string Read(string name, string? fallback = null) =>
            environment(name) is { Length: > 0 } value ? value
            : fallback ?? throw new ArgumentException($"the environment variable {name} is required (the credential the simulator accepts, the same value the silos use)");

        var host = Read("SIMULATORS_HOST", "localhost");
        return SimulatedWorld.Build()
            .Serve(IPAddress.Any, OcmPort, JenkinsPort, host)
            .OcmCredentials(Read("OCM_CLIENT_ID", "addongrains"), Read("OCM_CLIENT_SECRET"))
            .JenkinsCredentials(Read("JENKINS_USER", "addongrains-bot"), Read("JENKINS_TOKEN"))
            .QuietPeriod(TimeSpan.FromSeconds(1))
            .Job(new JenkinsSimJob(Job)
            {
                Parameters = new Dictionary<string, string> { ["ADDON_VERSION"] = "", ["PREVIOUS_ADDON_VERSION"] = "", ["TRIGGER_ID"] = "" },
                BuildDuration = TimeSpan.FromSeconds(3),
            })
            .Organization("sim-org", OrgId, org =>
            {
                org.Test(Addon, Job);
                foreach (var id in ClusterIds)
                {
                    org.Cluster(id, addon: Addon, version: InitialVersion);
                }
            })
            .StartAsync(cancellationToken);
    }
}
