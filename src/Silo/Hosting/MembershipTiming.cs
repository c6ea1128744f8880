using System.Globalization;
using System.Reflection;
using Orleans.Configuration;

namespace AddonGrains.Silo.Hosting;

/// <summary>
/// Failure-detection timing: this product's defaults, chosen so that a lone survivor of three silos declares the other
/// two dead within seconds when they die together, and the env overrides <c>Orleans__Membership__&lt;Name&gt;</c> (any
/// settable <see cref="ClusterMembershipOptions"/> property). docs/operations.md, "Failure detection", has the reasoning
/// and the trade-off.
/// </summary>
internal static class MembershipTiming
{
    public const string Section = "Orleans:Membership";

    /// <summary>Applied before the env overrides.</summary>
    public static void ApplyDefaults(ClusterMembershipOptions o)
    {
        // Probes: a dead silo is suspected after 3 missed probes; the adaptive probe period settles at half the
        // probe timeout (1 s) on a quiet network and stretches up to 4 × (8 s) when the local silo is degraded.
        o.ProbeTimeout = TimeSpan.FromSeconds(2);
        o.NumMissedProbesLimit = 3;
        // A silo whose heartbeat is older than 5 s × 3 no longer counts as active: then the survivors' own votes
        // suffice to declare it dead. Orleans' defaults (30 s × 3) leave a lone survivor waiting for minutes.
        o.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(5);
        o.NumMissedTableIAmAliveLimit = 3;
        // How soon a silo re-reads the table and re-evaluates whom to probe and through whom (default 60 s).
        o.TableRefreshTimeout = TimeSpan.FromSeconds(10);
        // Two independent suspicions must fall within a minute to declare a silo dead (default 2 minutes).
        o.DeathVoteExpirationTimeout = TimeSpan.FromMinutes(1);
    }

    /// <summary>Every error in the <c>Orleans__Membership__*</c> variables, one line each naming the variable (empty when valid).</summary>
    public static IReadOnlyList<string> Validate(IConfiguration configuration)
    {
        var properties = typeof(ClusterMembershipOptions).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanWrite && p.SetMethod!.IsPublic)
            .ToDictionary(p => p.Name, StringComparer.OrdinalIgnoreCase);
        var errors = new List<string>();
        foreach (var setting in configuration.GetSection(Section).GetChildren())
        {
            var variable = $"Orleans__Membership__{setting.Key}";
            if (!properties.TryGetValue(setting.Key, out var property) || setting.GetChildren().Any())
            {
                errors.Add($"{variable} is not a membership setting; known: {string.Join(", ", properties.Keys.Order(StringComparer.Ordinal))}");
            }
            else if (Problem(property.PropertyType, setting.Value) is { } problem)
            {
                errors.Add($"{variable}='{setting.Value}' {problem}");
            }
        }

        return errors;
    }

    private static string? Problem(Type type, string? value)
    {
        var nullable = Nullable.GetUnderlyingType(type);
        if (nullable is not null && string.IsNullOrEmpty(value))
        {
            return null;
        }

        return (nullable ?? type) switch
        {
            var t when t == typeof(TimeSpan) => TimeSpan.TryParse(value, CultureInfo.InvariantCulture, out var span) && span > TimeSpan.Zero
                ? null : "is not a positive duration (hh:mm:ss, e.g. 00:00:02)",
            var t when t == typeof(int) => int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
                ? null : "is not a positive whole number",
            var t when t == typeof(bool) => bool.TryParse(value, out _) ? null : "is not true or false",
            _ => "cannot be set from the environment",
        };
    }
}
