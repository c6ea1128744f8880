namespace AddonGrains.Configuration;

/// <summary>One entry of <c>jenkins:</c>. Exactly one of <see cref="Token"/> and <see cref="Password"/> is set.</summary>
public sealed record JenkinsInstance(string Name, Uri ServerUrl, string User, Secret? Token, Secret? Password);
