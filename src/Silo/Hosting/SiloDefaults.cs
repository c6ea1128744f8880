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
}
