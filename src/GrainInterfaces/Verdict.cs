namespace AddonGrains.GrainInterfaces;

/// <summary>
/// The verdict over one version of an organization × add-on: its subscribed jobs' latest triggers for that version
/// (docs/operations.md, "Gate a promotion on the tests"). Shown lower-case.
/// </summary>
[GenerateSerializer, Alias("verdict")]
public enum Verdict
{
    /// <summary>The version is not one the rollout knows (not recorded, or its triggers left the history).</summary>
    Unknown = 0,
    /// <summary>The version is known but nothing was triggered for it (a baseline, or <c>firstSeen: baseline</c>).</summary>
    None = 1,
    /// <summary>No job failed and at least one has not finished.</summary>
    Pending = 2,
    /// <summary>Every job's latest trigger Succeeded.</summary>
    Passed = 3,
    /// <summary>A job's latest trigger is Failed, Unstable, Aborted, NotBuilt, DeliveryFailed or Cancelled.</summary>
    Failed = 4,
}

/// <summary>Questions about a <see cref="Verdict"/>.</summary>
public static class VerdictExtensions
{
    /// <summary>Passed and failed do not change any more (unless someone retriggers).</summary>
    public static bool IsFinal(this Verdict verdict) => verdict is Verdict.Passed or Verdict.Failed;

    /// <summary>The value as JSON and tables show it: <c>passed</c>, <c>failed</c>, <c>pending</c>, <c>none</c>, <c>unknown</c>.</summary>
    public static string Name(this Verdict verdict) => verdict.ToString().ToLowerInvariant();
}
