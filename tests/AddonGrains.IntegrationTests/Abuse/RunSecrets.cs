namespace AddonGrains.IntegrationTests.Abuse;

/// <summary>The credentials of one run.</summary>
internal sealed record RunSecrets(string OcmClientId, string OcmClientSecret, string JenkinsUser, string JenkinsToken)
{
    public static RunSecrets Plain { get; } = new("abuse-client", "abuse-ocm-client-secret", "bot", "11abuse0run0token000000000000000000");
}
