using AddonGrains.Grains.Configuration;
using Microsoft.Extensions.Hosting;

namespace AddonGrains.Grains.Hosting;

/// <summary>
/// At silo start, reconciles the configuration into the registry (every silo does it; it is idempotent). Retries
/// with backoff while the cluster or its storage is not reachable yet.
/// </summary>
internal sealed partial class SubscriptionReconciler(
    IGrainFactory grains,
    AddonGrainsSettings settings,
    ILogger<SubscriptionReconciler> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var delay = TimeSpan.FromSeconds(1);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var removed = await grains.GetGrain<IRegistryGrain>(IRegistryGrain.Key).ReconcileAsync(settings.RolloutKeys, stoppingToken);
                LogDone(logger, settings.RolloutKeys.Length, removed.Length);
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Watching {Count} organization x add-on pairs ({Removed} removed from the configuration)")]
    private static partial void LogDone(ILogger logger, int count, int removed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reconciling subscriptions failed; retrying in {Delay}")]
    private static partial void LogRetry(ILogger logger, Exception exception, TimeSpan delay);
}
