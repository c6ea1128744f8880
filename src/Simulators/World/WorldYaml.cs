using System.Text;

namespace AddonGrains.Simulators.World;

/// <summary>Writes the configuration (docs/configuration.md) that points at a started world's simulators.</summary>
internal static class WorldYaml
{
    public static string Write(SimulatedWorldBuilder spec, Uri ocmUrl, Uri tokenUrl, Uri jenkinsUrl, Func<string, string> secret)
    {
        var yaml = new StringBuilder();
        yaml.AppendLine("ocm:");
        yaml.AppendLine($"  - {{ name: {Q(spec.OcmName)}, url: {Q(Trim(ocmUrl))}, accessTokenUrl: {Q(tokenUrl.ToString())}, "
            + $"accessTokenClientId: {Q(spec.OcmClientId)}, accessTokenClientSecret: {secret(SimulatedWorldBuilder.OcmSecretKey)}"
            + (spec.OcmMaxConcurrency is { } budget ? $", maxConcurrency: {budget}" : "")
            + (spec.OcmAddonsApi is { } api ? $", addonsApi: {Q(api)}" : "")
            + (spec.OcmAddonStatus is { } status ? $", addonStatus: {(status ? "true" : "false")}" : "") + " }");
        yaml.AppendLine("jenkins:");
        foreach (var instance in spec.JenkinsInstances)
        {
            yaml.AppendLine($"  - {{ name: {Q(instance.Name)}, serverUrl: {Q(Trim(jenkinsUrl))}, user: {Q(spec.JenkinsUser)}, token: {secret(instance.Name)} }}");
        }

        yaml.AppendLine("organizations:");
        foreach (var org in spec.Organizations)
        {
            yaml.AppendLine($"  - name: {Q(org.Name)}");
            yaml.AppendLine($"    ocm: {Q(spec.OcmName)}");
            yaml.AppendLine($"    orgId: {Q(org.OrgId)}");
            if (org.PolicyOverride is { } policy)
            {
                yaml.AppendLine($"    policy: {policy}");
            }

            yaml.AppendLine("    addonUpgradeTests:");
            foreach (var test in org.Tests)
            {
                var parameters = test.Parameters is { Count: > 0 } p
                    ? $", parameters: {{ {string.Join(", ", p.Select(kv => $"{Q(kv.Key)}: {Q(kv.Value)}"))} }}"
                    : "";
                yaml.AppendLine($"      - {{ addon: {Q(test.Addon)}, instance: {Q(test.Instance ?? spec.JenkinsName)}, name: {Q(test.Job)}{parameters} }}");
            }
        }

        if (spec.GlobalPolicy is { } global)
        {
            yaml.AppendLine($"policy: {global}");
        }

        yaml.AppendLine($"polling: {spec.PollingMapping}");
        return yaml.ToString();
    }

    /// <summary>A YAML double-quoted scalar (any name, markup included, stays text).</summary>
    public static string Q(string value) => $"\"{value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)}\"";

    private static string Trim(Uri url) => url.ToString().TrimEnd('/');
}
