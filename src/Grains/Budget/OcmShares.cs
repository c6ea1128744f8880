namespace AddonGrains.Grains.Budget;

/// <summary>
/// How the cluster-wide budget of an OCM environment is split: the decision rule of the budget grain, pure code.
/// </summary>
internal static class OcmShares
{
    /// <summary>
    /// Max-min fair shares of <paramref name="budget"/> slots for silos wanting <paramref name="demands"/> slots (in
    /// priority order: whoever waited longest first). Slots are dealt one at a time, round after round, to every silo
    /// that still wants one, so no silo gets more than it wants, a busy silo gets what quieter ones leave, and with
    /// more silos than slots the first in line get one each and the others wait their turn.
    /// </summary>
    public static int[] Targets(int budget, IReadOnlyList<int> demands)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(budget);
        var targets = new int[demands.Count];
        var left = budget;
        var dealt = true;
        while (left > 0 && dealt)
        {
            dealt = false;
            for (var i = 0; i < targets.Length && left > 0; i++)
            {
                if (targets[i] < demands[i])
                {
                    targets[i]++;
                    left--;
                    dealt = true;
                }
            }
        }
        return targets;
    }

    /// <summary>
    /// The share a silo may use while it cannot renew its lease, and the share the budget grain counts for a silo whose
    /// lease ran out but which is still a live cluster member: its last share, but never more than an equal split of
    /// the budget among the live silos (so never the whole budget while other silos live).
    /// </summary>
    public static int Fallback(int budget, int liveSilos, int lastShare) => Math.Min(lastShare, budget / Math.Max(1, liveSilos));

    /// <summary>The part of the rate cap that goes with <paramref name="slots"/> of <paramref name="budget"/>.</summary>
    public static double? Rate(double? maxRequestsPerSecond, int slots, int budget) =>
        maxRequestsPerSecond is { } rate && slots > 0 ? rate * slots / budget : null;
}
