namespace AddonGrains.Upstream.Ocm.Dto;

/// <summary>One installation parameter (<c>id</c> is the name).</summary>
internal sealed class OcmParameterDto
{
    public string? Id { get; init; }

    public string? Value { get; init; }
}
