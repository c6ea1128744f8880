namespace AddonGrains.Upstream.Ocm.Dto;

/// <summary>An <c>AddonStatus</c> as <see cref="OcmAddonStatusConverter"/> reads it: <c>addon_id</c>, <c>version</c> and the conditions.</summary>
internal sealed class OcmAddonStatusDto
{
    public string? AddonId { get; set; }

    public string? Version { get; set; }

    public List<OcmAddonConditionDto> Conditions { get; set; } = [];
}

/// <summary>One of <c>status_conditions</c>: <c>status_type</c>, <c>status_value</c>, <c>reason</c> (<c>message</c> is skipped).</summary>
internal sealed class OcmAddonConditionDto
{
    public string? Type { get; set; }

    public string? Value { get; set; }

    public string? Reason { get; set; }
}
