using AddonGrains.Grains.Rollouts;
using AddonGrains.Tests.Cli;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Storage;

namespace AddonGrains.Tests.Grains;

/// <summary>
/// Rollout state stored by older code still reads: from before the pause switch existed (not paused), and schema 1
/// (each trigger record's event facts in fields of the record) as the current schema, every field.
/// </summary>
[Collection(CliClusterGroup.Name)]
public sealed class RolloutStateCompatibilityTests(CliClusterFixture fixture)
{
    /// <summary>
    /// A <see cref="RolloutState"/> (one trigger record, one baseline) as the grain storage serializer wrote it before
    /// <c>Pause</c> was added (fields 0–12).
    /// </summary>
    private const string StoredBeforePause =
        "IAAFQQsyLjkuMEELMi44LjABDcEBwQHBAQEFwQHBAQEDIQADIUAJYWctMQENwQfBCQEBQQ1jaS1pbnRBB2UyZSGAAKAUzLRL3wiBAAAAAAAAAADgAQPg4CEAAyHoQBFiYXNlbGluZcEBwQnBAUEzbWVAaG9zdCAodW5hdXRoZW50aWNhdGVkKQEBQQd3aHkhgACgFMy0S98IgQAAAAAAAAAA4ODg4A==";

    /// <summary>
    /// A paused, rolling-out <see cref="RolloutState"/> with two trigger records (one handed over, one held) as the grain
    /// storage serializer wrote it with schema 1 (record fields 0–8): made by the code of that schema, serializing the
    /// state this test expects.
    /// </summary>
    private const string StoredSchema1 =
        "IAAFQQsyLjkuMEELMi44LjABISGAAEymFdhG3wiBAAAAAAAAAADgQQszLjAuMCGAAL5eJuhG3wiBAAAAAAAAAADgAQlBCXNsb3fBEwEDIQAFIUAJYWctNwEdwQfBCQEBQQ1jaS1pbnRBB2UyZSGAABwv2ehG3wiBAAAAAAAAAADgAQPgIEAJYWctOAEhwQfBAQERQQ9jaS1wcm9kQRlmb2xkZXIvc21va2UhgACE8zrxRt8IgQAAAAAAAAAA4AEB4OAhAAMh6EATcmV0cmlnZ2VywUHBB8EJQTNtZUBob3N0ICh1bmF1dGhlbnRpY2F0ZWQpAQFBC2ZsYWt5IYAAhPM68UbfCIEAAAAAAAAAAODg4CHoQAthbGljZQEDQQ1mcmVlemUhgABQEQrtRt8IgQAAAAAAAAAA4CGAANyYA7JH3wiBAAAAAAAAAADg4OA=";

    private static readonly DateTimeOffset At = new(2026, 11, 20, 9, 30, 0, TimeSpan.Zero);

    [Fact]
    public void StateStoredBeforeThePauseSwitch_ReadsBackUnpaused()
    {
        var serializer = fixture.Client.ServiceProvider.GetRequiredService<Serializer>();

        var state = serializer.Deserialize<RolloutState>(Convert.FromBase64String(StoredBeforePause))!;
        state.Migrate();

        Assert.Equal(("2.9.0", "2.8.0", 3, RolloutPhase.Idle, true), (state.LastKnownVersion, state.PreviousKnownVersion, state.ConvergenceEvents, state.LastPhase, state.Active));
        var record = Assert.Single(state.Triggers);
        Assert.Equal(("ag-1", 3, "2.9.0", "e2e", true), (record.TriggerId, record.Event.Number, record.Event.Version, record.Job, record.Submitted));
        Assert.Equal(("baseline", "why"), (Assert.Single(state.ManualActions).Action, state.ManualActions[0].Reason));
        Assert.Null(state.Pause);
    }

    [Fact]
    public void Schema1State_MigratesEveryTriggerRecordsEvent()
    {
        var serializer = fixture.Client.ServiceProvider.GetRequiredService<Serializer>();

        var state = serializer.Deserialize<RolloutState>(Convert.FromBase64String(StoredSchema1))!;
        Assert.Equal(1, state.Schema);
        state.Migrate();

        Assert.Equal(RolloutState.CurrentSchema, state.Schema);
        Assert.Equal(new AddonGrains.Grains.Decision.RolloutFacts("2.9.0", "2.8.0", 8, new(At.AddHours(-2), "3.0.0", At.AddMinutes(-5)), RolloutPhase.RollingOut, "slow", "3.0.0"),
            state.GetFacts());
        Assert.True(state.Active);
        Assert.Equal([
            ("ag-7", new TriggerEvent(7, "2.9.0", "2.8.0", UpgradeDirection.Upgrade, At), "ci-int", "e2e", true),
            ("ag-8", new TriggerEvent(8, "2.9.0", null, UpgradeDirection.Manual, At.AddHours(1)), "ci-prod", "folder/smoke", false),
        ], state.Triggers.Select(t => (t.TriggerId, t.Event, t.Instance, t.Job, t.Submitted)));
        Assert.Equal([new ManualActionEntry("retrigger", "ag-8", "2.9.0", "2.8.0", "me@host (unauthenticated)", false, "flaky", At.AddHours(1))], state.ManualActions);
        Assert.Equal(new PauseInfo("alice", true, "freeze", At.AddMinutes(30), At.AddDays(1)), state.Pause);
    }

    [Fact]
    public async Task Schema1State_InStorage_ActivatesMigrated()
    {
        var serializer = fixture.Client.ServiceProvider.GetRequiredService<Serializer>();
        var grain = fixture.Rollout("legacy-schema1", "acm");
        var storage = fixture.Cluster.Silos[0].ServiceProvider.GetRequiredKeyedService<IGrainStorage>(StorageNames.Rollouts);
        await storage.WriteStateAsync("rollout", grain.GetGrainId(),
            new GrainState<RolloutState>(serializer.Deserialize<RolloutState>(Convert.FromBase64String(StoredSchema1))!));

        var history = await grain.GetHistoryAsync(TestContext.Current.CancellationToken);
        var status = await grain.GetStatusAsync(TestContext.Current.CancellationToken);

        Assert.Equal([
            ("ag-8", new TriggerEvent(8, "2.9.0", null, UpgradeDirection.Manual, At.AddHours(1)), "folder/smoke", TriggerStatus.Pending),
            ("ag-7", new TriggerEvent(7, "2.9.0", "2.8.0", UpgradeDirection.Upgrade, At), "e2e", TriggerStatus.Pending),
        ], history.Select(t => (t.Request.TriggerId, t.Request.Event, t.Request.Job, t.Delivery.Status)));
        Assert.Equal((RolloutPhase.Paused, "2.9.0", 8, 1), (status.Phase, status.LastKnownVersion, status.ConvergenceEvents, status.HeldTriggers));
    }

    [Fact]
    public void CurrentState_RoundTripsAndMigrateChangesNothing()
    {
        var serializer = fixture.Client.ServiceProvider.GetRequiredService<Serializer>();
        var record = new TriggerRecord { TriggerId = "ag-9", Event = new(9, "3.0.0", "2.9.0", UpgradeDirection.Upgrade, At), Instance = "ci-int", Job = "e2e" };

        var copy = serializer.Deserialize<RolloutState>(serializer.SerializeToArray(new RolloutState { LastKnownVersion = "3.0.0", Triggers = [record] }))!;
        copy.Migrate();

        Assert.Equal(RolloutState.CurrentSchema, copy.Schema);
        Assert.Equal((record.TriggerId, record.Event, record.Instance, record.Job, false), Assert.Single(copy.Triggers) is var t ? (t.TriggerId, t.Event, t.Instance, t.Job, t.Submitted) : default);
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
