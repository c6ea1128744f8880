using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace AddonGrains.Grains.Notifications;

/// <summary>
/// Deterministic event ids: the same durable facts give the same id, so an event recorded again (after a crash,
/// by a new activation) is recognised, and a receiver dedupes redeliveries on it.
/// </summary>
public static class NotificationIds
{
    /// <summary>A trigger's event: its TRIGGER_ID and the kind, e.g. <c>ag-…​.buildFinished</c>.</summary>
    public static string ForTrigger(string triggerId, NotificationKind kind) => $"{triggerId}.{kind.Name()}";

    /// <summary>A rollout's event from the facts that identify it (the convergence event number, the version, the rollout's start).</summary>
    public static string ForRollout(string rolloutKey, NotificationKind kind, params object?[] facts)
    {
        var text = string.Join('\n', [rolloutKey, kind.Name(), .. facts.Select(f => Convert.ToString(f, CultureInfo.InvariantCulture) ?? "")]);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(text));
        return $"ag-{Convert.ToHexStringLower(hash.AsSpan(0, 10))}.{kind.Name()}";
    }
}
