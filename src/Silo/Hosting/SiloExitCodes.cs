namespace AddonGrains.Silo.Hosting;

/// <summary>The silo's process exit codes (docs/configuration.md, "Exit codes of the silo"). Supervisors and scripts rely on them: never renumber.</summary>
public static class SiloExitCodes
{
    /// <summary>Stopped normally (SIGTERM or Ctrl+C), or <c>migrate</c> succeeded.</summary>
    public const int Success = 0;

    /// <summary>A usage error: bad arguments, or <c>migrate</c> without <c>ConnectionStrings__Orleans</c>.</summary>
    public const int Usage = 1;

    /// <summary>The configuration or a setting cannot be used; nothing was started.</summary>
    public const int InvalidConfiguration = 2;

    /// <summary>PostgreSQL could not be reached to apply the schema (at start or by <c>migrate</c>); usually passing.</summary>
    public const int DatabaseUnreachable = 3;
}
