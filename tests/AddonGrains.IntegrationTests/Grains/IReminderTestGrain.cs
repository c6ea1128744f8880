namespace AddonGrains.IntegrationTests.Grains;

/// <summary>A grain that registers a durable reminder and counts its ticks in <see cref="ReminderTicks"/>.</summary>
[Alias("it-reminder")]
public interface IReminderTestGrain : IGrainWithStringKey
{
    [Alias("start")] Task StartAsync(TimeSpan period);
}
