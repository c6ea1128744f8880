namespace AddonGrains.Upstream.Ocm;

/// <summary>
/// The text naming an OCM request in errors and logs (e.g. <c>GET /api/clusters_mgmt/v1/clusters/abc/addons page 2</c>),
/// kept in parts and joined only when an error or a debug line needs it, not once per request.
/// </summary>
internal readonly record struct OcmOperation(string Prefix, string Argument = "", string Suffix = "")
{
    public override string ToString() => string.Concat(Prefix, Argument, Suffix);

    public string Page(int page) => $"{Prefix}{Argument}{Suffix} page {page}";
}
