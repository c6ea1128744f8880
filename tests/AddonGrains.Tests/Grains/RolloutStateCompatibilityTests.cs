using AddonGrains.Grains.Rollouts;
using AddonGrains.Tests.Cli;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace AddonGrains.Tests.Grains;

/// <summary>Rollout state stored before the pause switch existed still reads: every field, and not paused.</summary>
[Collection(CliClusterGroup.Name)]
public sealed class RolloutStateCompatibilityTests(CliClusterFixture fixture)
{
    /// <summary>
    /// A <see cref="RolloutState"/> (one trigger record, one baseline) as the grain storage serializer wrote it before
    /// <c>Pause</c> was added (fields 0–12).
    /// </summary>
    private const string StoredBeforePause =
        "IAAFQQsyLjkuMEELMi44LjABDcEBwQHBAQEFwQHBAQEDIQADIUAJYWctMQENwQfBCQEBQQ1jaS1pbnRBB2UyZSGAAKAUzLRL3wiBAAAAAAAAAADgAQPg4CEAAyHoQBFiYXNlbGluZcEBwQnBAUEzbWVAaG9zdCAodW5hdXRoZW50aWNhdGVkKQEBQQd3aHkhgACgFMy0S98IgQAAAAAAAAAA4ODg4A==";

    [Fact]
    public void StateStoredBeforeThePauseSwitch_ReadsBackUnpaused()
    {
        var serializer = fixture.Client.ServiceProvider.GetRequiredService<Serializer>();

        var state = serializer.Deserialize<RolloutState>(Convert.FromBase64String(StoredBeforePause))!;

        Assert.Equal(("2.9.0", "2.8.0", 3, RolloutPhase.Idle, true), (state.LastKnownVersion, state.PreviousKnownVersion, state.ConvergenceEvents, state.LastPhase, state.Active));
        var record = Assert.Single(state.Triggers);
        Assert.Equal(("ag-1", 3, "2.9.0", "e2e", true), (record.TriggerId, record.EventNumber, record.Version, record.Job, record.Submitted));
        Assert.Equal(("baseline", "why"), (Assert.Single(state.ManualActions).Action, state.ManualActions[0].Reason));
        Assert.Null(state.Pause);
    }

    [Fact]
    public void PausedState_RoundTrips()
    {
        var serializer = fixture.Client.ServiceProvider.GetRequiredService<Serializer>();
        var pause = new PauseInfo("alice@laptop (unauthenticated)", false, "freeze", new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero), null);

        var copy = serializer.Deserialize<RolloutState>(serializer.SerializeToArray(new RolloutState { LastKnownVersion = "1.0.0", Pause = pause }))!;

        Assert.Equal(pause, copy.Pause);
    }
}
