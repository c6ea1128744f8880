namespace AddonGrains.Silo.Hosting;

/// <summary>
/// Every environment variable the silo reads (docs/configuration.md), in one place: deployment files and their tests check
/// against it. Secrets named by the configuration file (<c>{ env: NAME }</c>) are read too, whatever their name.
/// </summary>
internal static class SiloEnvironment
{
    public const string Config = "ADDONGRAINS_CONFIG";
    public const string ConnectionString = "ConnectionStrings__Orleans";
    public const string DashboardEnabled = "AddonGrains__Dashboard__Enabled";

    /// <summary>Exact names.</summary>
    public static readonly string[] Supported =
    [
        Config,
        ConnectionString,
        "Orleans__ClusterId",
        "Orleans__ServiceId",
        "Orleans__SiloPort",
        "Orleans__GatewayPort",
        "Orleans__AdvertisedIP",
        "POD_IP",
        "POD_NAME",
        "POD_NAMESPACE",
        "Orleans__Tls__Certificate",
        "Orleans__Tls__Key",
        "Orleans__Tls__Ca",
        DashboardEnabled,
        "AddonGrains__Delivery__PollInterval",
        "AddonGrains__Delivery__RetryBaseDelay",
        "AddonGrains__Delivery__RetryMaxDelay",
        "AddonGrains__Delivery__GiveUpAfter",
        "AddonGrains__Delivery__ReminderPeriod",
        "ASPNETCORE_URLS",
        "ASPNETCORE_ENVIRONMENT",
        "DOTNET_ENVIRONMENT",
        "OTEL_EXPORTER_OTLP_ENDPOINT",
        "KUBERNETES_SERVICE_HOST",
        "ADDONGRAINS_CHAOS_KILL_AT",
        "ADDONGRAINS_CHAOS_KILL_ONCE_FILE",
    ];

    /// <summary>
    /// Families: host and OpenTelemetry settings (<c>Logging__LogLevel__Orleans</c>, <c>OTEL_SERVICE_NAME</c>, …),
    /// Orleans failure detection (<c>Orleans__Membership__ProbeTimeout</c>, …: ClusterMembershipOptions) and notification
    /// delivery (<c>AddonGrains__Notifications__RetryBaseDelay</c>, …: NotificationDeliveryOptions).
    /// </summary>
    public static readonly string[] SupportedPrefixes = ["Logging__", "OTEL_", "ASPNETCORE_", "DOTNET_", "Orleans__Membership__", "AddonGrains__Notifications__"];

    public static bool IsSupported(string name) =>
        Supported.Contains(name, StringComparer.Ordinal) || SupportedPrefixes.Any(p => name.StartsWith(p, StringComparison.Ordinal));
}
