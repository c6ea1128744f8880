using AddonGrains.Simulators.Ocm;

namespace AddonGrains.Bench;

/// <summary>
/// The default check reads the add-on service with status reads. These runs measure the other two ways a silo can be
/// configured to read add-ons: clusters_mgmt (<c>addonsApi: clusters_mgmt</c>) and the add-on service without status
/// (<c>addonStatus: false</c>), each as steady checks against its own floor. The configuration is swapped in as a
/// reload would, then the default is put back.
/// </summary>
internal static class ApiVariants
{
    private const int Checks = 5;

    public static async Task<(double CheckSeconds, double FloorSeconds)> MeasureAsync(
        BenchEnvironment env, Func<Task> checkAll, AddonsApi api, bool status)
    {
        var source = env.Host.Services.GetRequiredService<SettingsSource>();
        var original = source.Current;
        source.Apply(original with { Ocm = [.. original.Ocm.Select(o => o with { AddonsApi = api, AddonStatus = status })] });
        try
        {
            await checkAll(); // the first check the other way (its code paths JIT)
            env.Ocm.ResetRequestCounts();
            var wall = new List<double>();
            for (var i = 0; i < Checks; i++)
            {
                var probe = new CheckProbe();
                await checkAll();
                wall.Add(probe.Stop().WallSeconds);
            }

            var requestsPerOrg = (double)Requests(env) / Checks / env.Options.Organizations;
            var floor = requestsPerOrg * env.Options.LatencyMs / 1000.0 / env.Options.Concurrency;
            return (wall.Order().ElementAt(Checks / 2), floor);
        }
        finally
        {
            source.Apply(original);
        }
    }

    /// <summary>Every OCM request of the checks since the last reset: cluster pages, add-on listings (either API) and status reads.</summary>
    public static int Requests(BenchEnvironment env) => Requests(env.Ocm);

    /// <summary>The same, counted by the OCM sidecar of any run.</summary>
    public static int Requests(OcmSidecar ocm) => ocm.RequestCount(OcmRoutes.Clusters) + Reads(ocm);

    /// <summary>The per-cluster requests: add-on listings (either API) and status reads.</summary>
    public static int Reads(BenchEnvironment env) => Reads(env.Ocm);

    private static int Reads(OcmSidecar ocm) =>
        ocm.RequestCount(OcmRoutes.Addons) + ocm.RequestCount(OcmRoutes.ServiceAddons) + ocm.RequestCount(OcmRoutes.AddonStatus);
}
