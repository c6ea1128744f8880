namespace AddonGrains.Client;

/// <summary>The process exit codes (docs/cli.md). Scripts rely on them: never renumber.</summary>
internal static class ExitCodes
{
    /// <summary>The command did what was asked.</summary>
    public const int Success = 0;

    /// <summary>The command line could not be parsed (System.CommandLine's own parse-error code).</summary>
    public const int Usage = 1;

    /// <summary>An unknown organization or add-on (the message lists the known ones), or a version <c>verdict</c> does not know.</summary>
    public const int NotFound = 2;

    /// <summary>The cluster could not be reached (or the connection was lost).</summary>
    public const int Unreachable = 3;

    /// <summary>Refused: <c>--yes</c> missing, or the rollout grain declined the action.</summary>
    public const int Refused = 4;

    /// <summary>The command ran but found failures (<c>validate</c>), or an unexpected error.</summary>
    public const int Failed = 5;

    /// <summary><c>verdict</c>: a job's latest trigger for the version failed (Failed, Unstable, Aborted, NotBuilt, DeliveryFailed, Cancelled).</summary>
    public const int VerdictFailed = 6;

    /// <summary><c>verdict</c>: no job failed, at least one has not finished.</summary>
    public const int VerdictPending = 7;

    /// <summary><c>verdict</c>: the version is known but nothing was triggered for it.</summary>
    public const int VerdictNone = 8;
}
