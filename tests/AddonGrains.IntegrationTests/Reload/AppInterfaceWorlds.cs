using AddonGrains.IntegrationTests.Processes;
using AddonGrains.Simulators.Ocm;
using AddonGrains.Tests.AppInterface;

namespace AddonGrains.IntegrationTests.Reload;

/// <summary>The app-interface world (qontract-server and Vault simulators) of a process scenario.</summary>
internal static class AppInterfaceWorlds
{
    /// <summary>Starts qontract-server and Vault whose bundles and secrets point at the scenario's OCM and Jenkins.</summary>
    public static Task<AppInterfaceWorld> StartAppInterfaceAsync(this ProcessScenario scenario, string dir, CancellationToken ct) =>
        AppInterfaceWorld.StartAsync(dir, scenario.Ocm.BaseUrl, scenario.Ocm.TokenUrl, OcmSimulatorOptions.DefaultClientId,
            scenario.OcmSecret, scenario.Jenkins.BaseUrl, ProcessScenario.JenkinsToken, ct);
}
