namespace AddonGrains.GrainInterfaces;

/// <summary>Where a cluster's add-ons are read (<c>ocm[].addonsApi</c>).</summary>
[GenerateSerializer, Alias("addons-api")]
public enum AddonsApi
{
    /// <summary>The add-on service, <c>/api/addons_mgmt/v1</c> (the default): installed and desired version, ten states, status conditions.</summary>
    AddonsMgmt = 0,
    /// <summary>The older path, <c>/api/clusters_mgmt/v1/clusters/{id}/addons</c>: installed version and five states.</summary>
    ClustersMgmt = 1,
}
