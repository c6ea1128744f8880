using System.Text.RegularExpressions;

namespace AddonGrains.Configuration;

/// <summary>
/// The keys each mapping of the configuration file accepts (docs/configuration.md, which a test keeps in step). They are
/// declared once, by the binders that read them (<see cref="ConfigMapping"/>); this lists them by binding documents in
/// which every mapping is present and empty. A new mapping is added to these documents; a new key needs nothing here.
/// </summary>
internal static partial class ConfigSchema
{
    private static readonly string[] Probes =
    [
        """
        ocm: [ { accessTokenClientSecret: {} } ]
        jenkins: [ { token: {}, password: {} } ]
        organizations: [ { policy: {}, addonUpgradeTests: [ {} ] } ]
        policy: {}
        polling: {}
        history: {}
        reload: {}
        notifications: [ { slack: { webhookUrl: {} } }, { webhook: { secret: {} } } ]
        """,
        "appInterface: { token: {}, vault: { roleId: {}, secretId: {} } }",
    ];

    /// <summary>Every mapping by its key path with list indexes as <c>[N]</c> (<c>(root)</c> for the file), and its keys in order.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Mappings()
    {
        var mappings = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var probe in Probes)
        {
            var validator = new NodeValidator();
            new SettingsBinder(validator, new SecretBinder(validator, _ => null)).Bind(YamlDocument.Parse(probe, "probe"));
            foreach (var mapping in validator.Mappings)
            {
                mappings.TryAdd(Index().Replace(mapping.Path, "[N]"), mapping.Keys);
            }
        }

        return mappings;
    }

    [GeneratedRegex(@"\[\d+\]", RegexOptions.CultureInvariant)]
    private static partial Regex Index();
}
