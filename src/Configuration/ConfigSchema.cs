namespace AddonGrains.Configuration;

/// <summary>
/// The keys each mapping of the configuration file accepts (docs/configuration.md). A key not listed here is reported as
/// unknown with its key path; adding a setting starts here, then in its binder and its typed record.
/// </summary>
internal static class ConfigSchema
{
    public static readonly string[] RootKeys = ["ocm", "jenkins", "organizations", "policy", "polling", "history", "reload", "appInterface", "notifications"];
    public static readonly string[] AppInterfaceKeys = ["graphqlUrl", "token", "vault"];
    public static readonly string[] VaultKeys = ["server", "roleId", "secretId"];
    public static readonly string[] OcmKeys = ["name", "url", "accessTokenUrl", "accessTokenClientId", "accessTokenClientSecret", "maxConcurrency", "maxRequestsPerSecond", "addonsApi", "addonStatus"];
    public static readonly string[] JenkinsKeys = ["name", "serverUrl", "user", "token", "password"];
    public static readonly string[] OrganizationKeys = ["name", "ocm", "orgId", "addonUpgradeTests", "policy", "products"];
    public static readonly string[] TestKeys = ["addon", "instance", "name", "parameters"];
    public static readonly string[] PolicyKeys = ["firstSeen", "rollbacks", "notReadyClusters", "soak", "stallAfter"];
    public static readonly string[] PollingKeys = ["interval", "rolloutInterval", "ocmConcurrency"];
    public static readonly string[] HistoryKeys = ["keep", "triggerStateRetention"];
    public static readonly string[] ReloadKeys = ["interval"];
    public static readonly string[] SecretKeys = ["env", "file"];
    public static readonly string[] NotifierKeys = ["name", "on", "organizations", "slack", "webhook"];
    public static readonly string[] SlackKeys = ["webhookUrl"];
    public static readonly string[] WebhookKeys = ["url", "secret"];
}
