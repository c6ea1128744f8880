namespace AddonGrains.Grains.Budget;

/// <summary>Timing of the cluster-wide OCM budget (docs/decisions.md, "One OCM budget for the whole cluster").</summary>
public sealed class OcmBudgetOptions
{
    /// <summary>How long a silo's share holds without renewal; then it falls back to a safe share (default 10 s).</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often each silo renews its lease when nothing asks for an earlier renewal (default 1 s).</summary>
    public TimeSpan RenewInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The least time between two renewals a silo asks for itself because requests wait (default 50 ms).</summary>
    public TimeSpan MinRenewInterval { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>How long a renewal may take before the silo counts it as failed (default 5 s).</summary>
    public TimeSpan RenewTimeout { get; set; } = TimeSpan.FromSeconds(5);
}
