using System.Text.RegularExpressions;
using AddonGrains.Upstream.AppInterface;
using AddonGrains.Upstream.Vault;
using YamlDotNet.RepresentationModel;

namespace AddonGrains.Configuration;

/// <summary>
/// Turns one app-interface bundle (<c>ocm_instances_v1</c>) into the <c>ocm</c>, <c>jenkins</c> and
/// <c>organizations</c> keys of the configuration file, so that <see cref="SettingsBinder"/> validates them exactly as
/// it validates a file. Secrets become references the loader resolves from Vault; error messages are translated back
/// to the app-interface path of the offending item. Organizations without <c>addonUpgradeTests</c> are left out.
/// </summary>
internal sealed partial class AppInterfaceDocument
{
    private readonly List<int> _organizationItems = [];
    private readonly List<int> _ocmItems = [];
    private readonly List<string> _jenkinsItems = [];

    /// <summary>Vault references by the name the synthesized <c>{ env: … }</c> secrets use.</summary>
    public Dictionary<string, (VaultSecretRef Ref, string Path)> Secrets { get; } = new(StringComparer.Ordinal);

    /// <summary>The Jenkins instances the subscriptions use, each with its TOML token secret and where it is first referenced.</summary>
    public static Dictionary<string, (VaultSecretRef Ref, string Path)> JenkinsRefs(IReadOnlyList<OcmInstance> instances)
    {
        var refs = new Dictionary<string, (VaultSecretRef, string)>(StringComparer.Ordinal);
        for (var k = 0; k < instances.Count; k++)
        {
            var tests = instances[k].AddonUpgradeTests ?? [];
            for (var j = 0; j < tests.Count; j++)
            {
                if (tests[j].Instance is { Name: { } instance, Token: { } token })
                {
                    refs.TryAdd(instance, (ToRef(token), $"ocm_instances_v1[{k}].addonUpgradeTests[{j}].instance.token"));
                }
            }
        }

        return refs;
    }

    /// <summary>Builds the keys from <paramref name="instances"/> into a copy of the file's root (without <c>appInterface</c>).</summary>
    public YamlMappingNode Build(YamlMappingNode fileRoot, IReadOnlyList<OcmInstance> instances, IReadOnlyDictionary<string, JenkinsTomlSecret> jenkins)
    {
        var root = new YamlMappingNode();
        foreach (var (key, value) in fileRoot.Children)
        {
            // Notifications were bound with the file (their secrets come from the silo's env or files, not Vault).
            if (key is YamlScalarNode { Value: not ("appInterface" or "notifications") })
            {
                root.Add(key, value);
            }
        }

        var ocm = new YamlSequenceNode();
        var organizations = new YamlSequenceNode();
        var environments = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var k = 0; k < instances.Count; k++)
        {
            var org = instances[k];
            if (org.AddonUpgradeTests is not { Count: > 0 } tests)
            {
                continue;
            }

            var path = $"ocm_instances_v1[{k}]";
            var env = org.Environment;
            var overridden = org.AccessTokenClientId is not null || org.AccessTokenUrl is not null || org.AccessTokenClientSecret is not null;
            var envName = overridden ? $"{env?.Name}-{org.Name}" : env?.Name ?? "";
            if (!environments.ContainsKey(envName))
            {
                environments[envName] = envName;
                _ocmItems.Add(k);
                var entry = Map(("name", envName), ("url", env?.Url), ("accessTokenUrl", org.AccessTokenUrl ?? env?.AccessTokenUrl),
                    ("accessTokenClientId", org.AccessTokenClientId ?? env?.AccessTokenClientId));
                if ((org.AccessTokenClientSecret ?? env?.AccessTokenClientSecret) is { } secret)
                {
                    entry.Add("accessTokenClientSecret", SecretNode(secret, org.AccessTokenClientSecret is null ? $"{path}.environment.accessTokenClientSecret" : $"{path}.accessTokenClientSecret"));
                }

                ocm.Add(entry);
            }

            var testNodes = new YamlSequenceNode();
            for (var j = 0; j < tests.Count; j++)
            {
                var test = tests[j];
                testNodes.Add(Map(("addon", test.Addon?.Name), ("instance", test.Instance?.Name), ("name", test.Name)));
            }

            _organizationItems.Add(k);
            var organization = Map(("name", org.Name), ("ocm", envName), ("orgId", org.OrgId));
            organization.Add("addonUpgradeTests", testNodes);
            organizations.Add(organization);
        }

        var jenkinsNodes = new YamlSequenceNode();
        foreach (var (name, (_, path)) in JenkinsRefs(instances))
        {
            var toml = jenkins[name];
            var secretName = $"vault-jenkins-{_jenkinsItems.Count}";
            _jenkinsItems.Add(path);
            JenkinsPasswords[secretName] = toml.Password;
            var entry = Map(("name", name), ("serverUrl", toml.Url.ToString()), ("user", toml.User));
            entry.Add("token", Map(("env", secretName)));
            jenkinsNodes.Add(entry);
        }

        root.Add("ocm", ocm);
        root.Add("jenkins", jenkinsNodes);
        root.Add("organizations", organizations);
        return root;
    }

    /// <summary>The Jenkins API tokens taken from the TOML secrets, by synthesized secret name.</summary>
    public Dictionary<string, string> JenkinsPasswords { get; } = new(StringComparer.Ordinal);

    /// <summary>A binder message with the file's key path replaced by the app-interface path of the same item.</summary>
    public string Translate(string message)
    {
        var match = FilePath().Match(message);
        if (!match.Success)
        {
            return message;
        }

        var index = int.Parse(match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture);
        var rest = message[match.Length..];
        var prefix = match.Groups[1].Value switch
        {
            "organizations" when index < _organizationItems.Count => $"ocm_instances_v1[{_organizationItems[index]}]",
            "ocm" when index < _ocmItems.Count => $"ocm_instances_v1[{_ocmItems[index]}].environment",
            "jenkins" when index < _jenkinsItems.Count => $"{_jenkinsItems[index]} ([jenkins] table)",
            _ => null,
        };
        if (prefix is null)
        {
            return message;
        }

        rest = TestField().Replace(rest, m => $"{m.Groups[1].Value}.{m.Groups[2].Value}.name:", 1);
        return prefix + rest;
    }

    private YamlMappingNode SecretNode(VaultSecret secret, string path)
    {
        var name = $"vault-{Secrets.Count}";
        Secrets[name] = (ToRef(secret), path);
        return Map(("env", name));
    }

    private static VaultSecretRef ToRef(VaultSecret secret) => new(secret.Path, secret.Field, secret.Version, secret.Format);

    private static YamlMappingNode Map(params (string Key, string? Value)[] entries)
    {
        var map = new YamlMappingNode();
        foreach (var (key, value) in entries)
        {
            if (value is not null)
            {
                map.Add(key, new YamlScalarNode(value));
            }
        }

        return map;
    }

    [GeneratedRegex(@"^(organizations|ocm|jenkins)\[(\d+)\]", RegexOptions.CultureInvariant)]
    private static partial Regex FilePath();

    [GeneratedRegex(@"^(\.addonUpgradeTests\[\d+\])\.(addon|instance):", RegexOptions.CultureInvariant)]
    private static partial Regex TestField();
}
