using System.Security.Cryptography;
using System.Text;

namespace AddonGrains.Grains.Triggers;

/// <summary>Deterministic TRIGGER_IDs: the same durable facts always give the same id (docs/decisions.md, "Delivery").</summary>
public static class TriggerIds
{
    /// <summary>The id of the trigger of <paramref name="eventNumber"/> for one job of one organization × add-on.</summary>
    public static string For(string ocm, string orgId, string addon, int eventNumber, string instance, string job)
    {
        var text = string.Join('\n', ocm, orgId, addon, eventNumber.ToString(System.Globalization.CultureInfo.InvariantCulture), instance, job);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(text));
        return $"ag-{Convert.ToHexStringLower(hash.AsSpan(0, 10))}";
    }
}
