namespace AddonGrains.Silo.Hosting;

/// <summary>Defaults shared with the CLI: change them together.</summary>
internal static class SiloDefaults
{
    /// <summary>Never changes: grain state and reminders are keyed by it.</summary>
    public const string ServiceId = "addongrains";

    public const string ClusterId = "addongrains";

    public const int SiloPort = 11111;

    public const int GatewayPort = 30000;

    public const string Urls = "http://127.0.0.1:8080";

    /// <summary>
    /// How long a graceful stop (SIGTERM) may take: grains and reminders handed over, the membership row set Dead.
    /// Kubernetes' terminationGracePeriodSeconds must be longer (a test checks deploy/kubernetes).
    /// </summary>
    public static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(30);
}
