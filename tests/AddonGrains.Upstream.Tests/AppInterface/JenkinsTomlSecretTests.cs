using AddonGrains.Upstream.AppInterface;

namespace AddonGrains.Upstream.Tests.AppInterface;

/// <summary>The Jenkins instance's TOML secret (docs/upstream-apis.md, "The Jenkins TOML secret"): URL, user and token from the <c>[jenkins]</c> table.</summary>
public sealed class JenkinsTomlSecretTests
{
    [Fact]
    public void Parse_JenkinsTable_GivesUrlUserAndToken()
    {
        var secret = JenkinsTomlSecret.Parse("""
            [jenkins]
            url = "https://ci.int.example.com"
            user = "svc-bot"
            password = "11api0token"

            [other]
            x = 1
            """);

        Assert.Equal(new Uri("https://ci.int.example.com"), secret.Url);
        Assert.Equal("svc-bot", secret.User);
        Assert.Equal("11api0token", secret.Password);
        Assert.DoesNotContain("11api0token", secret.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[jenkins\nurl=", "not a valid TOML document")]
    [InlineData("[other]\nurl = \"https://x\"", "has no [jenkins] table")]
    [InlineData("[jenkins]\nurl = \"https://x\"\nuser = \"u\"", "has no 'password'")]
    [InlineData("[jenkins]\nurl = \"ftp://x\"\nuser = \"u\"\npassword = \"p-secret\"", "url is not an absolute http(s) URL")]
    public void Parse_Bad_SaysWhatIsMissingWithoutTheValue(string toml, string expected)
    {
        var ex = Assert.Throws<FormatException>(() => JenkinsTomlSecret.Parse(toml));
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("p-secret", ex.Message, StringComparison.Ordinal);
    }
}
