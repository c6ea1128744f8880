namespace AddonGrains.Configuration;

/// <summary>How much history a rollout keeps (<c>history</c> in docs/configuration.md).</summary>
/// <param name="Keep">Events whose trigger records a rollout keeps; unfinished triggers are never dropped.</param>
/// <param name="TriggerStateRetention">How long a finished trigger dropped from its rollout keeps its state.</param>
public sealed record HistorySettings(int Keep, TimeSpan TriggerStateRetention)
{
    /// <summary>The largest <see cref="Keep"/> accepted: it bounds the rollout state's size.</summary>
    public const int MaxKeep = 1000;

    /// <summary>The defaults in docs/configuration.md.</summary>
    public static HistorySettings Default { get; } = new(50, TimeSpan.FromDays(90));
}
