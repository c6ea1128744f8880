using System.Security.Cryptography;
using System.Text;

namespace AddonGrains.Grains.Placement;

/// <summary>
/// Which silo is each organization's home: the pure rule behind <see cref="OrganizationPlacement"/>
/// (docs/decisions.md, "Grains live on their organization's home silo"). Every silo computes it from the same two
/// inputs (the configured organizations and the active silos), so all agree without talking to each other.
/// <para>
/// Rendezvous hashing with bounded load: the organizations, in name order, each take the silo that ranks highest for
/// them among those that still have room, so the silos' counts differ by one at most. A silo that joins takes over
/// about its share, mostly organizations that rank it first, while the others stay where they are.
/// </para>
/// </summary>
public static class HomeAssignment
{
    /// <summary>The index into <paramref name="silos"/> of each organization's home; empty without silos.</summary>
    public static IReadOnlyDictionary<string, int> Assign(IEnumerable<string> organizations, IReadOnlyList<string> silos)
    {
        ArgumentNullException.ThrowIfNull(organizations);
        ArgumentNullException.ThrowIfNull(silos);
        var names = organizations.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var homes = new Dictionary<string, int>(names.Length, StringComparer.Ordinal);
        if (silos.Count == 0)
        {
            return homes;
        }

        // An even share is `share` organizations; `extra` silos (no more) take one more.
        var (share, extra) = Math.DivRem(names.Length, silos.Count);
        var load = new int[silos.Count];
        var withExtra = 0;
        foreach (var name in names)
        {
            var home = Enumerable.Range(0, silos.Count)
                .Where(s => load[s] < share || (load[s] == share && withExtra < extra))
                .MaxBy(s => (Score(name, silos[s]), silos[s]), ScoreComparer.Instance);
            withExtra += load[home] == share ? 1 : 0;
            load[home]++;
            homes[name] = home;
        }
        return homes;
    }

    /// <summary>A stable pseudo-random rank of <paramref name="silo"/> for <paramref name="organization"/> (the same in every process).</summary>
    internal static ulong Score(string organization, string silo)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes($"{organization}\n{silo}"), hash);
        return BitConverter.ToUInt64(hash[..8]);
    }

    // Ties (practically never) go to the silo that sorts last, so the order of the silo list never matters.
    private sealed class ScoreComparer : IComparer<(ulong Score, string Silo)>
    {
        public static readonly ScoreComparer Instance = new();

        public int Compare((ulong Score, string Silo) x, (ulong Score, string Silo) y) =>
            x.Score != y.Score ? x.Score.CompareTo(y.Score) : string.CompareOrdinal(x.Silo, y.Silo);
    }
}
