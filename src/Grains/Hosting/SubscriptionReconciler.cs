using System.Threading.Channels;
using Microsoft.Extensions.Hosting;

namespace AddonGrains.Grains.Hosting;

/// <summary>
/// Reconciles this silo's configuration into the registry at silo start and after every reload that changed it
/// (every silo does it; it is idempotent, and the registry refuses a configuration older than the one it applied).
/// Retries with backoff while the cluster or its storage is not reachable yet.
/// </summary>
internal sealed partial class SubscriptionReconciler(
    IGrainFactory grains,
    SettingsSource source,
    ILocalSiloDetails silo,
    ILogger<SubscriptionReconciler> logger) : BackgroundService
{
    private readonly Channel<(ConfigVersion Version, ImmutableArray<string> Keys)> _changes =
        Channel.CreateUnbounded<(ConfigVersion, ImmutableArray<string>)>(new UnboundedChannelOptions { SingleReader = true });

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        source.Applied += OnApplied;
        try
        {
            var next = (Version: new ConfigVersion(source.Hash, null, source.Current.BundleTimestamp), Keys: source.Current.RolloutKeys);
            while (!stoppingToken.IsCancellationRequested)
            {
                await ApplyAsync(next.Version, next.Keys, stoppingToken);
                next = await _changes.Reader.ReadAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The silo stops.
        }
        finally
        {
            source.Applied -= OnApplied;
        }
    }

    private void OnApplied(SettingsSource.Snapshot previous, SettingsSource.Snapshot current)
    {
        if (previous.Hash != current.Hash)
        {
            _changes.Writer.TryWrite((new ConfigVersion(current.Hash, previous.Hash, current.Settings.BundleTimestamp), current.Settings.RolloutKeys));
        }
    }

    private async Task ApplyAsync(ConfigVersion version, ImmutableArray<string> keys, CancellationToken stoppingToken)
    {
        var delay = TimeSpan.FromSeconds(1);
        while (true)
        {
            try
            {
                var registry = grains.GetGrain<IRegistryGrain>(IRegistryGrain.Key);
                var result = await registry.ApplyConfigurationAsync(version, keys, stoppingToken);
                // What this silo runs, applied by the cluster or not: shown per silo by `addongrains silos`.
                await registry.ReportSiloConfigAsync(silo.SiloAddress.ToParsableString(), version.Hash, stoppingToken);
                source.SetClusterNote(result.Reason);
                if (result.Applied)
                {
                    LogDone(logger, version.Hash, result.Active, result.Removed);
                }
                else
                {
                    LogRefused(logger, version.Hash, result.AppliedHash);
                }

                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Process edge: keep the silo up and try again; the reminders of already-known keys still fire.
                LogRetry(logger, ex, delay);
                await Task.Delay(delay, stoppingToken);
                delay = TimeSpan.FromSeconds(Math.Min(delay.TotalSeconds * 2, 30));
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Configuration {Hash}: watching {Count} organization x add-on pairs ({Removed} removed from the configuration)")]
    private static partial void LogDone(ILogger logger, string hash, int count, int removed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Configuration {Hash} of this silo is older than the cluster's {Applied}; the cluster keeps the newer one")]
    private static partial void LogRefused(ILogger logger, string hash, string applied);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reconciling subscriptions failed; retrying in {Delay}")]
    private static partial void LogRetry(ILogger logger, Exception exception, TimeSpan delay);
}
