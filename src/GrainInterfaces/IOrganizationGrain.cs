namespace AddonGrains.GrainInterfaces;

/// <summary>
/// One OCM organization (key: its configured name). Lists the organization's clusters and has each in-scope
/// cluster's grain list its add-ons, at most <c>polling.ocmConcurrency</c> at a time; the result is shared by
/// every add-on of the organization for <c>maxAge</c>.
/// </summary>
[Alias("organization")]
public interface IOrganizationGrain : IGrainWithStringKey
{
    /// <summary>
    /// A fleet observation no older than <paramref name="maxAge"/> (zero: always fresh). A large fleet takes
    /// (pages + clusters) × latency ÷ concurrency: far beyond Orleans' default 30 s call timeout at 10,000 clusters.
    /// </summary>
    [Alias("observe")]
    [ResponseTimeout("00:15:00")]
    Task<FleetObservation> ObserveAsync(TimeSpan maxAge, CancellationToken cancellationToken = default);
}
