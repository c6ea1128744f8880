namespace AddonGrains.Upstream.Ocm.Dto;

/// <summary>The collection envelope: <c>kind</c> (<c>XxxList</c>), <c>page</c>, <c>size</c> (items on this page), <c>total</c>, <c>items</c>.</summary>
internal sealed class OcmListDto<T>
    where T : class
{
    public int? Page { get; set; }

    public int? Size { get; set; }

    public int? Total { get; set; }

    public List<T?>? Items { get; set; }
}
