using Tomlyn;
using Tomlyn.Model;

namespace AddonGrains.Upstream.AppInterface;

/// <summary>
/// The Jenkins instance's <c>token</c> secret of app-interface: a TOML document whose <c>[jenkins]</c> table holds
/// <c>url</c>, <c>user</c> and <c>password</c> (an API token in practice). Errors name the missing key, never a value.
/// </summary>
public sealed record JenkinsTomlSecret(Uri Url, string User, string Password)
{
    public override string ToString() => $"JenkinsTomlSecret {{ Url = {Url}, User = {User} }}";

    /// <summary>Parses the document; <see cref="FormatException"/> says what is wrong.</summary>
    public static JenkinsTomlSecret Parse(string toml)
    {
        TomlTable model;
        try
        {
            model = TomlSerializer.Deserialize<TomlTable>(toml, (TomlSerializerOptions?)null) ?? [];
        }
        catch (TomlException)
        {
            throw new FormatException("the Jenkins secret is not a valid TOML document");
        }

        if (!model.TryGetValue("jenkins", out var table) || table is not TomlTable jenkins)
        {
            throw new FormatException("the Jenkins secret has no [jenkins] table");
        }

        string Get(string key) => jenkins.TryGetValue(key, out var value) && value is string text && text.Length > 0
            ? text
            : throw new FormatException($"the Jenkins secret's [jenkins] table has no '{key}'");

        var url = Get("url");
        return Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? new JenkinsTomlSecret(uri, Get("user"), Get("password"))
            : throw new FormatException("the Jenkins secret's [jenkins] url is not an absolute http(s) URL");
    }
}
