using System.Globalization;

namespace AddonGrains.Client;

/// <summary>One member of the cluster as <c>addongrains silos</c> shows it (docs/cli.md).</summary>
internal sealed record SiloMember(
    string Name,
    string Address,
    string? Gateway,
    string Status,
    DateTimeOffset StartedAt,
    DateTimeOffset LastAliveAt,
    int? Activations)
{
    /// <summary>Dead members are listed for this long after they were last heard of; older ones only with <c>--all</c>.</summary>
    public static readonly TimeSpan DeadShownFor = TimeSpan.FromHours(1);

    public const string Dead = "Dead";

    /// <summary>The configuration hash the silo reported to the registry (null: none reported, e.g. still starting).</summary>
    public string? ConfigHash { get; init; }

    /// <summary>From a membership-table row; activations only for live silos (a dead one cannot be asked).</summary>
    public static SiloMember From(MembershipEntry entry, int? activations)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var endpoint = entry.SiloAddress.Endpoint;
        return new SiloMember(
            entry.SiloName ?? entry.HostName ?? "-",
            Format(endpoint.Address, endpoint.Port),
            entry.ProxyPort > 0 ? Format(endpoint.Address, entry.ProxyPort) : null,
            entry.Status.ToString(),
            Utc(entry.StartTime),
            Utc(entry.IAmAliveTime == default ? entry.StartTime : entry.IAmAliveTime),
            activations);
    }

    /// <summary>
    /// What the command lists: every live member, dead ones heard of within <see cref="DeadShownFor"/> (all with
    /// <paramref name="all"/>); live members first, then by name and start.
    /// </summary>
    public static IReadOnlyList<SiloMember> Visible(IEnumerable<SiloMember> members, DateTimeOffset now, bool all) =>
        [.. members
            .Where(m => all || m.Status != Dead || now - Max(m.StartedAt, m.LastAliveAt) <= DeadShownFor)
            .OrderBy(m => m.Status == Dead ? 1 : 0)
            .ThenBy(m => m.Name, StringComparer.Ordinal)
            .ThenByDescending(m => m.StartedAt)];

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static DateTimeOffset Utc(DateTime time) => new(DateTime.SpecifyKind(time, DateTimeKind.Utc));

    private static string Format(System.Net.IPAddress address, int port) =>
        address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6
            ? string.Create(CultureInfo.InvariantCulture, $"[{address}]:{port}")
            : string.Create(CultureInfo.InvariantCulture, $"{address}:{port}");
}
