namespace AddonGrains.Demo;

/// <summary>
/// The demo's story: five clusters on acm 2.8.0 are recorded as the baseline; 2.9.0 rolls out cluster by
/// cluster (each <c>upgrading</c> on the add-on service first); one straggler, its upgrade scheduled, holds the rollout back for a while; when the last cluster is ready the fleet has
/// converged, the Jenkins job is triggered once and followed to its result.
/// </summary>
internal sealed partial class DemoScript(DemoEnvironment demo, IGrainFactory grains, ILogger<DemoScript> logger) : BackgroundService
{
    private const string From = "2.8.0";
    private const string To = "2.9.0";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var rollout = grains.GetGrain<IRolloutGrain>(RolloutKey.For(DemoEnvironment.Organization, DemoEnvironment.Addon));
        var ids = DemoEnvironment.ClusterIds;
        foreach (var id in ids)
        {
            demo.Ocm.SetAddonInstallation(id, DemoEnvironment.Addon, From);
        }

        LogFleet(logger, ids.Length, DemoEnvironment.Addon, From);
        await WaitAsync(rollout, s => s.LastKnownVersion == From, stoppingToken);
        LogBaseline(logger, DemoEnvironment.Addon, From);

        var straggler = DemoEnvironment.Clusters[^1];
        for (var i = 0; i < ids.Length - 1; i++)
        {
            await Task.Delay(TimeSpan.FromSeconds(2) * demo.Pace, stoppingToken);
            // The add-on service shows the upgrade as 'upgrading' toward its desired version (clusters_mgmt: 'installing').
            demo.Ocm.StartUpgrade(ids[i], DemoEnvironment.Addon, To);
            await Task.Delay(TimeSpan.FromSeconds(1) * demo.Pace, stoppingToken);
            demo.Ocm.SetAddonInstallation(ids[i], DemoEnvironment.Addon, To);
            LogUpgraded(logger, DemoEnvironment.Clusters[i], To);
        }

        // The straggler's upgrade is scheduled (desired version 2.9.0) but has not started.
        demo.Ocm.SetDesiredVersion(ids[^1], DemoEnvironment.Addon, To);
        LogStraggler(logger, straggler, From);
        await Task.Delay(TimeSpan.FromSeconds(8) * demo.Pace, stoppingToken);
        demo.Ocm.SetAddonInstallation(ids[^1], DemoEnvironment.Addon, To);
        LogLastUpgraded(logger, straggler, To);

        await WaitAsync(rollout, s => s.LastKnownVersion == To, stoppingToken);
        LogConverged(logger, To, From, DemoEnvironment.Job);
        var done = await WaitForBuildAsync(rollout, stoppingToken);
        LogBuild(logger, done.Delivery.BuildNumber, done.Request.Job, done.Delivery.Result, done.Delivery.Status, done.Delivery.BuildUrl);
        var notification = await WaitForNotificationAsync(stoppingToken);
        LogNotification(logger, notification.Type, notification.Id);
        LogComplete(logger, DemoEnvironment.Organization, DemoEnvironment.Addon);
    }

    private static async Task<RolloutStatus> WaitAsync(IRolloutGrain rollout, Func<RolloutStatus, bool> done, CancellationToken ct)
    {
        while (true)
        {
            var status = await rollout.GetStatusAsync(ct);
            if (done(status))
            {
                return status;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250), ct);
        }
    }

    private async Task<Simulators.Notifications.ReceivedNotification> WaitForNotificationAsync(CancellationToken ct)
    {
        while (true)
        {
            if (demo.Receiver.Accepted.FirstOrDefault(n => n.Type == "com.addongrains.buildFinished") is { } received)
            {
                return received;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250), ct);
        }
    }

    private static async Task<TriggerSnapshot> WaitForBuildAsync(IRolloutGrain rollout, CancellationToken ct)
    {
        while (true)
        {
            var history = await rollout.GetHistoryAsync(ct);
            if (history.FirstOrDefault() is { } last && last.Delivery.Status.IsFinished())
            {
                return last;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250), ct);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "[demo] {Count} clusters run {Addon} {Version}. Waiting for the first check to record it as the baseline...")]
    private static partial void LogFleet(ILogger logger, int count, string addon, string version);

    [LoggerMessage(Level = LogLevel.Information, Message = "[demo] Baseline recorded: {Addon} {Version}. Nothing is triggered for a first sight (policy firstSeen: baseline).")]
    private static partial void LogBaseline(ILogger logger, string addon, string version);

    [LoggerMessage(Level = LogLevel.Information, Message = "[demo] Cluster {Cluster} upgraded to {Version}. The rollout is in progress; no trigger yet.")]
    private static partial void LogUpgraded(ILogger logger, string cluster, string version);

    [LoggerMessage(Level = LogLevel.Information, Message = "[demo] Cluster {Cluster} is the straggler: still on {Version} (try: addongrains status).")]
    private static partial void LogStraggler(ILogger logger, string cluster, string version);

    [LoggerMessage(Level = LogLevel.Information, Message = "[demo] Cluster {Cluster} upgraded to {Version}: every cluster now runs it and is ready.")]
    private static partial void LogLastUpgraded(ILogger logger, string cluster, string version);

    [LoggerMessage(Level = LogLevel.Information, Message = "[demo] Converged on {Version} (was {PreviousVersion}): the Jenkins job {Job} is triggered exactly once.")]
    private static partial void LogConverged(ILogger logger, string version, string previousVersion, string job);

    [LoggerMessage(Level = LogLevel.Information, Message = "[demo] Build #{BuildNumber} of {Job} finished: {Result} ({Status}) {BuildUrl}")]
    private static partial void LogBuild(ILogger logger, int? buildNumber, string job, string? result, TriggerStatus status, string? buildUrl);

    [LoggerMessage(Level = LogLevel.Information, Message = "[demo] Demo complete. The silo keeps running: try 'addongrains status' and 'addongrains history {Organization} {Addon}'. Ctrl+C to stop.")]
    private static partial void LogComplete(ILogger logger, string organization, string addon);

    [LoggerMessage(Level = LogLevel.Information, Message = "[demo] Notification delivered to the demo webhook: {Type} id {EventId} (try: addongrains notifications demo-org acm).")]
    private static partial void LogNotification(ILogger logger, string? type, string? eventId);
}
