using AddonGrains.Grains.Decision;

namespace AddonGrains.Grains.Rollouts;

/// <summary>The log lines of <see cref="RolloutGrain"/>'s schedule and checks.</summary>
internal sealed partial class RolloutGrain
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Rollout {RolloutKey} activated on this silo (last known version {Version}, last phase {Phase})")]
    private static partial void LogActivated(ILogger logger, string rolloutKey, string? version, RolloutPhase phase);

    [LoggerMessage(Level = LogLevel.Information, Message = "Rollout {RolloutKey} scheduled every {Period}")]
    private static partial void LogStarted(ILogger logger, string rolloutKey, TimeSpan period);

    [LoggerMessage(Level = LogLevel.Information, Message = "Rollout {RolloutKey} stopped: no longer in the configuration")]
    private static partial void LogStopped(ILogger logger, string rolloutKey);

    [LoggerMessage(Level = LogLevel.Information, Message = "Rollout {RolloutKey} recorded version {Version} (was {PreviousVersion}): {Decision} {Direction}")]
    private static partial void LogRecorded(ILogger logger, string rolloutKey, string version, string? previousVersion, DecisionKind decision, UpgradeDirection? direction);
}
