
namespace AddonGrains.Grains.Placement;

/// <summary>
/// This silo's view of <see cref="HomeAssignment"/>: the home of each configured organization among the given silos,
/// computed again only when the configuration or the silos change (a reload, a silo joining or leaving).
/// </summary>
public sealed class OrganizationHomes(SettingsSource settings, IClusterMembershipService membership)
{
    private Assignment? _latest;
    private Members? _active;

    /// <summary>The organization a grain of <see cref="OrganizationPlacement"/> belongs to: its key up to the first '/'.</summary>
    public static string OrganizationOf(string grainKey)
    {
        ArgumentNullException.ThrowIfNull(grainKey);
        var slash = grainKey.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? grainKey : grainKey[..slash];
    }

    /// <summary>The home of <paramref name="organization"/> among <paramref name="silos"/>; null when it is not configured.</summary>
    public SiloAddress? HomeOf(string organization, IReadOnlyList<SiloAddress> silos)
    {
        var current = settings.Current;
        var latest = Volatile.Read(ref _latest);
        if (latest is null || !ReferenceEquals(latest.Settings, current) || (!ReferenceEquals(latest.Input, silos) && !latest.Covers(silos)))
        {
            latest = Assignment.Of(current, silos);
            Volatile.Write(ref _latest, latest);
        }
        return latest.HomeOf(organization);
    }

    /// <summary>
    /// True when the active members of the cluster make another silo the home of <paramref name="organization"/>, so
    /// <paramref name="grain"/> should move there when idle. False for an organization that is not configured.
    /// </summary>
    public bool IsAway(IGrainContext grain, string organization)
    {
        ArgumentNullException.ThrowIfNull(grain);
        var active = ActiveSilos();
        return active.Length > 0 && HomeOf(organization, active) is { } home && !home.Equals(grain.Address.SiloAddress);
    }

    // Asked after every call of every grain of an organization: the list is made once per membership change.
    private SiloAddress[] ActiveSilos()
    {
        var snapshot = membership.CurrentSnapshot;
        var active = Volatile.Read(ref _active);
        if (active is null || active.Version != snapshot.Version)
        {
            active = new Members(snapshot.Version, [.. snapshot.Members.Values.Where(m => m.Status == SiloStatus.Active).Select(m => m.SiloAddress)]);
            Volatile.Write(ref _active, active);
        }
        return active.Active;
    }

    private sealed record Members(MembershipVersion Version, SiloAddress[] Active);

    private sealed class Assignment(AddonGrainsSettings settings, IReadOnlyList<SiloAddress> input, SiloAddress[] silos, IReadOnlyDictionary<string, int> homes)
    {
        public AddonGrainsSettings Settings { get; } = settings;

        /// <summary>The list it was made from: the grains pass the same cached list again (no comparison needed).</summary>
        public IReadOnlyList<SiloAddress> Input { get; } = input;

        public static Assignment Of(AddonGrainsSettings settings, IReadOnlyList<SiloAddress> silos)
        {
            var sorted = silos.Distinct().OrderBy(s => s.ToParsableString(), StringComparer.Ordinal).ToArray();
            var homes = HomeAssignment.Assign(settings.Organizations.Select(o => o.Name), [.. sorted.Select(s => s.ToParsableString())]);
            return new Assignment(settings, silos, sorted, homes);
        }

        public bool Covers(IReadOnlyList<SiloAddress> other)
        {
            if (other.Count != silos.Length)
            {
                return false;
            }
            for (var i = 0; i < other.Count; i++)
            {
                if (Array.IndexOf(silos, other[i]) < 0)
                {
                    return false;
                }
            }
            return true;
        }

        public SiloAddress? HomeOf(string organization) => homes.TryGetValue(organization, out var index) ? silos[index] : null;
    }
}
