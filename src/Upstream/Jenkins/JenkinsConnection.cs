namespace AddonGrains.Upstream.Jenkins;

/// <summary>
/// How to reach one Jenkins instance. Exactly one of <see cref="Token"/> (API token: no crumb) and
/// <see cref="Password"/> (crumb + session cookie) is set. Secrets are never part of <see cref="ToString"/>.
/// </summary>
public sealed record JenkinsConnection(string Name, Uri ServerUrl, string User, string? Token, string? Password)
{
    public override string ToString() => $"JenkinsConnection {{ Name = {Name}, ServerUrl = {ServerUrl}, User = {User} }}";
}
