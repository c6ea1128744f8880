namespace AddonGrains.Upstream.Ocm.Dto;

/// <summary>The collection envelope: <c>kind</c> (<c>XxxList</c>), <c>page</c>, <c>size</c> (items on this page), <c>total</c>, <c>items</c>.</summary>
internal sealed class OcmListDto<T>
    where T : class
{
    public int? Page { get; init; }

    public int? Size { get; init; }

    public int? Total { get; init; }

    public List<T?>? Items { get; init; }
}
