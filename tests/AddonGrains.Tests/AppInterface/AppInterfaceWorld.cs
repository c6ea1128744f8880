using System.Text;
using System.Text.Json.Nodes;
using AddonGrains.Simulators.Qontract;
using AddonGrains.Simulators.Vault;

namespace AddonGrains.Tests.AppInterface;

/// <summary>One subscription of an app-interface organization: add-on, Jenkins instance, job.</summary>
public sealed record AppInterfaceTest(string Addon, string Job, string Instance = "ci");

/// <summary>One <c>ocm_instances_v1</c> item; no tests means no <c>addonUpgradeTests</c> key.</summary>
public sealed record AppInterfaceOrg(string Name, string OrgId, params AppInterfaceTest[] Tests);

/// <summary>
/// A qontract-server and a Vault simulator holding one OCM environment (client secret in KV v2, base64) and one
/// Jenkins instance <c>ci</c> (TOML secret in KV v1), and a configuration file that points at them with the
/// qontract token and the AppRole in secret files. Shared by the unit and the process tests.
/// </summary>
public sealed class AppInterfaceWorld : IAsyncDisposable
{
    public const string Authorization = "Basic YWRkb25ncmFpbnM6cXVlcnk=";
    public const string OcmSecretPath = "app-sre/ocm/sim";
    public const string JenkinsSecretPath = "legacy/jenkins/ci";
    private readonly string _dir;
    private readonly Uri _ocmUrl;
    private readonly Uri _ocmTokenUrl;
    private readonly string _ocmClientId;
    private readonly Uri _jenkinsUrl;

    private AppInterfaceWorld(string dir, QontractSimulator qontract, VaultSimulator vault, Uri ocmUrl, Uri ocmTokenUrl, string ocmClientId, Uri jenkinsUrl)
    {
        (_dir, Qontract, Vault, _ocmUrl, _ocmTokenUrl, _ocmClientId, _jenkinsUrl) = (dir, qontract, vault, ocmUrl, ocmTokenUrl, ocmClientId, jenkinsUrl);
    }

    public QontractSimulator Qontract { get; }

    public VaultSimulator Vault { get; }

    /// <summary>Starts both simulators and writes the secret files into <paramref name="dir"/>.</summary>
    public static async Task<AppInterfaceWorld> StartAsync(
        string dir, Uri ocmUrl, Uri ocmTokenUrl, string ocmClientId, string ocmSecret, Uri jenkinsUrl, string jenkinsToken, CancellationToken ct)
    {
        var qontract = await QontractSimulator.StartAsync(Authorization, ct);
        var vault = await VaultSimulator.StartAsync(cancellationToken: ct);
        vault.AddAppRole("role-addongrains", "secret-addongrains");
        vault.Mount("app-sre", 2);
        vault.Mount("legacy", 1);
        vault.Put(OcmSecretPath, new Dictionary<string, string> { ["client_secret"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(ocmSecret)) });
        var world = new AppInterfaceWorld(dir, qontract, vault, ocmUrl, ocmTokenUrl, ocmClientId, jenkinsUrl);
        world.SetJenkinsToken(jenkinsToken);
        await File.WriteAllTextAsync(Path.Combine(dir, "qontract-token"), Authorization + "\n", ct);
        await File.WriteAllTextAsync(Path.Combine(dir, "role-id"), "role-addongrains\n", ct);
        await File.WriteAllTextAsync(Path.Combine(dir, "secret-id"), "secret-addongrains\n", ct);
        return world;
    }

    /// <summary>Writes the Jenkins instance's TOML secret (a rotation when called again).</summary>
    public void SetJenkinsToken(string token) => Vault.Put(JenkinsSecretPath, new Dictionary<string, string>
    {
        ["token"] = $"[jenkins]\nurl = \"{_jenkinsUrl.ToString().TrimEnd('/')}\"\nuser = \"bot\"\npassword = \"{token}\"\n",
    });

    /// <summary>Publishes a bundle with <paramref name="orgs"/> and makes it current; returns its sha.</summary>
    public string Publish(long commitTimestamp, params AppInterfaceOrg[] orgs)
    {
        var items = new JsonArray();
        foreach (var org in orgs)
        {
            var item = new JsonObject
            {
                ["name"] = org.Name,
                ["orgId"] = org.OrgId,
                ["environment"] = new JsonObject
                {
                    ["name"] = "sim",
                    ["url"] = _ocmUrl.ToString().TrimEnd('/'),
                    ["accessTokenClientId"] = _ocmClientId,
                    ["accessTokenUrl"] = _ocmTokenUrl.ToString(),
                    ["accessTokenClientSecret"] = new JsonObject { ["path"] = OcmSecretPath, ["field"] = "client_secret", ["format"] = "base64" },
                },
            };
            if (org.Tests.Length > 0)
            {
                item["addonUpgradeTests"] = new JsonArray([.. org.Tests.Select(t => (JsonNode)new JsonObject
                {
                    ["addon"] = new JsonObject { ["name"] = t.Addon },
                    ["instance"] = new JsonObject { ["name"] = t.Instance, ["token"] = new JsonObject { ["path"] = JenkinsSecretPath, ["field"] = "token" } },
                    ["name"] = t.Job,
                })]);
            }

            items.Add(item);
        }

        return Qontract.Publish(new JsonObject { ["ocm_instances_v1"] = items }, commitTimestamp);
    }

    /// <summary>The configuration file: the <c>appInterface</c> block (secrets from files) and <paramref name="rest"/>.</summary>
    public string Yaml(string rest = "") => $$"""
        appInterface:
          graphqlUrl: "{{Qontract.GraphqlUrl}}"
          token: { file: "{{Path.Combine(_dir, "qontract-token")}}" }
          vault: { server: "{{Vault.BaseUrl}}", roleId: { file: "{{Path.Combine(_dir, "role-id")}}" }, secretId: { file: "{{Path.Combine(_dir, "secret-id")}}" } }
        {{rest}}
        """;

    public async ValueTask DisposeAsync()
    {
        await Qontract.DisposeAsync();
        await Vault.DisposeAsync();
    }
}
