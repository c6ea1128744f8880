namespace AddonGrains.Grains.Triggers;

/// <summary>
/// The build parameters of a trigger (docs/decisions.md, "Delivery"): of AddonGrains' own parameters, only those the job declares,
/// plus the subscription's static parameters (also only when declared: Jenkins ignores undeclared ones anyway).
/// A job that declares no parameter gets none: it is triggered with <c>/build</c>.
/// </summary>
public static class TriggerParameters
{
    /// <summary>The build parameters AddonGrains sets itself (docs/decisions.md, "Delivery"), in the documented order.</summary>
    public static readonly ImmutableArray<string> Names = JobParameter.ReservedNames;

    /// <summary>The parameters to send, or null for a job without parameters (<c>/build</c>).</summary>
    public static IReadOnlyDictionary<string, string>? For(TriggerRequest request, IReadOnlyCollection<string> declared)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(declared);
        if (declared.Count == 0)
        {
            return null;
        }

        var all = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["ADDON_ID"] = request.Addon,
            ["ADDON_VERSION"] = request.Event.Version,
            ["PREVIOUS_ADDON_VERSION"] = request.Event.PreviousVersion ?? "",
            ["UPGRADE_DIRECTION"] = request.Event.Direction.ToString().ToLowerInvariant(),
            ["OCM_ORG_ID"] = request.OrgId,
            ["OCM_ORG_NAME"] = request.Organization,
            ["OCM_ENVIRONMENT"] = request.OcmEnvironment,
            ["TRIGGER_ID"] = request.TriggerId,
        };
        foreach (var parameter in request.StaticParameters)
        {
            all.TryAdd(parameter.Name, parameter.Value);
        }

        var set = declared.ToHashSet(StringComparer.Ordinal);
        return all.Where(p => set.Contains(p.Key)).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
    }
}
