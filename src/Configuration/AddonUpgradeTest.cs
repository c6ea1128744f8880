namespace AddonGrains.Configuration;

/// <summary>One subscription: run Jenkins job <see cref="Name"/> on <see cref="Instance"/> when <see cref="Addon"/> converges.</summary>
public sealed record AddonUpgradeTest(string Addon, string Instance, string Name, ImmutableArray<JobParameter> Parameters);
