namespace AddonGrains.Configuration;

/// <summary>What to do when a version is seen for the first time (no last known version).</summary>
public enum FirstSeenPolicy
{
    /// <summary>Record the current version silently.</summary>
    Baseline,
    /// <summary>Trigger, with direction <c>first</c>.</summary>
    Trigger,
}

/// <summary>What to do when the fleet converges on a lower version.</summary>
public enum RollbackPolicy
{
    /// <summary>Trigger, labelled <c>downgrade</c>.</summary>
    Trigger,
    /// <summary>Record the version only.</summary>
    Skip,
}

/// <summary>How clusters that are not <c>ready</c> count.</summary>
public enum NotReadyPolicy
{
    /// <summary>Shown as excluded; they do not hold convergence back.</summary>
    Ignore,
    /// <summary>A not-ready cluster blocks convergence on a new version.</summary>
    Block,
}
