namespace AddonGrains.GrainInterfaces;

/// <summary>
/// One managed cluster (key: <c>{ocm environment}/{cluster id}</c>). Lists the cluster's add-on installations
/// and keeps the latest observation.
/// </summary>
[Alias("cluster")]
public interface IClusterGrain : IGrainWithStringKey
{
    /// <summary>
    /// Lists the cluster's add-on installations now, as <paramref name="read"/> says (which API; the status of which
    /// add-ons). Throws when OCM gave no complete answer.
    /// </summary>
    [Alias("observe")]
    Task<ClusterObservation> ObserveAsync(string name, string state, AddonRead read, CancellationToken cancellationToken = default);

    /// <summary>The latest observation, or null before the first.</summary>
    [Alias("get-latest")]
    Task<ClusterObservation?> GetLatestAsync(CancellationToken cancellationToken = default);
}
