using AddonGrains.Upstream.AppInterface;
using AddonGrains.Upstream.Vault;

namespace AddonGrains.Configuration;

/// <summary>
/// Completes a configuration whose file says <c>appInterface</c>: asks qontract-server for the current bundle
/// (<c>/sha256</c>), reads <c>ocm_instances_v1</c> pinned to it (<c>/graphqlsha/{sha}</c>, only when the bundle is new)
/// and its commit time, resolves every Vault reference (secrets are read again at every load, so a rotated token counts),
/// and builds the typed settings from it with the checks a file gets (<see cref="AppInterfaceBinder"/>). Any failure throws
/// <see cref="ConfigurationException"/>: the caller keeps the running configuration.
/// </summary>
public sealed class AppInterfaceLoader
{
    private static readonly HttpMessageHandler Handler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
    private (string Sha, IReadOnlyList<OcmInstance> Instances, long Timestamp)? _bundle;

    /// <summary>The full configuration for the file <paramref name="bytes"/> whose bound form is <paramref name="file"/>.</summary>
    public async Task<AddonGrainsSettings> LoadAsync(byte[] bytes, AddonGrainsSettings file, CancellationToken cancellationToken)
    {
        var appInterface = file.AppInterface ?? throw new ArgumentException("the file has no appInterface block", nameof(file));
        try
        {
            var (sha, instances, timestamp) = await BundleAsync(appInterface, cancellationToken);
            using var vaultHttp = Http(appInterface.VaultServer);
            using var vault = new VaultClient(vaultHttp, appInterface.RoleId.Value, appInterface.SecretId.Value);
            var jenkins = new Dictionary<string, JenkinsTomlSecret>(StringComparer.Ordinal);
            foreach (var (name, (reference, path)) in AppInterfaceBinder.JenkinsRefs(instances))
            {
                jenkins[name] = ParseToml(await ReadAsync(vault, reference, path, cancellationToken), path);
            }

            var clientSecrets = new List<string?>();
            foreach (var environment in AppInterfaceBinder.Environments(instances))
            {
                clientSecrets.Add(environment.Secret is { } reference ? await ReadAsync(vault, reference, environment.SecretPath, cancellationToken) : null);
            }

            var (ocm, jenkinsInstances, organizations) = new AppInterfaceBinder().Bind(instances, clientSecrets, jenkins, file.Policy);
            var hash = ConfigHash.Of([.. bytes, .. System.Text.Encoding.UTF8.GetBytes(sha)]);
            return file with { Ocm = ocm, Jenkins = jenkinsInstances, Organizations = organizations, BundleTimestamp = timestamp, Hash = hash };
        }
        catch (Exception ex) when (ex is QontractException or HttpRequestException or System.Text.Json.JsonException or InvalidOperationException
            or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            throw new ConfigurationException($"appInterface: {Describe(ex)}");
        }
    }

    private async Task<(string Sha, IReadOnlyList<OcmInstance> Instances, long Timestamp)> BundleAsync(AppInterfaceSettings appInterface, CancellationToken cancellationToken)
    {
        using var http = Http(appInterface.BaseUrl);
        var qontract = new QontractClient(http, appInterface.Token.Value);
        var sha = await qontract.GetShaAsync(cancellationToken);
        if (_bundle is { } known && known.Sha == sha)
        {
            return known;
        }

        var instances = await qontract.GetOcmInstancesAsync(sha, cancellationToken);
        var commit = await qontract.GetCommitInfoAsync(sha, cancellationToken);
        _bundle = (sha, instances, commit.Timestamp);
        return _bundle.Value;
    }

    private static async Task<string> ReadAsync(VaultClient vault, VaultSecretRef reference, string path, CancellationToken cancellationToken)
    {
        try
        {
            return await vault.ReadAsync(reference, cancellationToken);
        }
        catch (Exception ex) when (ex is VaultException or HttpRequestException or System.Text.Json.JsonException or KeyNotFoundException
            or InvalidOperationException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            throw new ConfigurationException($"{path}: {Describe(ex)}");
        }
    }

    private static JenkinsTomlSecret ParseToml(string toml, string path)
    {
        try
        {
            return JenkinsTomlSecret.Parse(toml);
        }
        catch (FormatException ex)
        {
            throw new ConfigurationException($"{path}: {ex.Message}");
        }
    }

    private static string Describe(Exception ex) => ex switch
    {
        TaskCanceledException => "no answer in time",
        VaultException or QontractException => ex.Message,
        HttpRequestException => $"unreachable ({ex.Message})",
        _ => $"unexpected answer ({ex.GetType().Name})",
    };

    private static HttpClient Http(Uri baseAddress) =>
        new(Handler, disposeHandler: false) { BaseAddress = new Uri(baseAddress.ToString().TrimEnd('/') + "/"), Timeout = TimeSpan.FromSeconds(15) };
}
