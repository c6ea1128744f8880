using AddonGrains.Grains.Decision;
using AddonGrains.Simulators.Ocm;
using AddonGrains.Upstream.Ocm;

namespace AddonGrains.Bench;

/// <summary>
/// The original algorithm, for comparison: one cluster listing, then for each subscription, for each ready cluster,
/// one add-on listing, one at a time. When the whole loop would not fit in the budget it stops after a sample of
/// the same loop and extrapolates linearly (and says so).
/// </summary>
internal static class SerialBaseline
{
    private const int SampleBeforeDeciding = 100;

    public static async Task<BaselineResult> RunAsync(IOcmClient ocm, OcmSidecar simulator, string orgId, int subscriptions, TimeSpan budget)
    {
        simulator.ResetRequestCounts();
        var total = Stopwatch.StartNew();
        var clusters = await ocm.ListClustersAsync(orgId);
        var listing = total.Elapsed;
        var ready = clusters.Where(c => c.State == RolloutDecider.ClusterReady).ToList();
        var planned = subscriptions * ready.Count;

        // A sample never needs more than a fifth of the budget (at least 10 s) to give a stable mean.
        var sampleLimit = TimeSpan.FromSeconds(Math.Max(10, budget.TotalSeconds / 5));
        budget = budget < sampleLimit ? sampleLimit : budget;
        var calls = Stopwatch.StartNew();
        var done = 0;
        var extrapolate = false;
        foreach (var cluster in Enumerable.Range(0, subscriptions).SelectMany(_ => ready))
        {
            if (done == SampleBeforeDeciding && listing + (calls.Elapsed / done * planned) > budget)
            {
                extrapolate = true;
            }

            if (extrapolate && calls.Elapsed >= sampleLimit)
            {
                break;
            }

            await ocm.ListAddonInstallationsAsync(cluster.Id);
            done++;
        }

        var pages = simulator.RequestCount(OcmRoutes.Clusters);
        if (!extrapolate)
        {
            return new BaselineResult(total.Elapsed.TotalSeconds, pages + simulator.RequestCount(OcmRoutes.Addons), false, done);
        }

        var seconds = listing.TotalSeconds + (calls.Elapsed.TotalSeconds / done * planned);
        return new BaselineResult(seconds, pages + planned, true, done);
    }
}

/// <summary>The baseline's wall time and OCM requests (computed from the plan when extrapolated).</summary>
internal sealed record BaselineResult(double Seconds, int OcmRequests, bool Extrapolated, int MeasuredListings);
