using AddonGrains.Grains.Rollouts;
using AddonGrains.Grains.Triggers;
using AddonGrains.Tests.Cli;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace AddonGrains.Tests.Grains;

/// <summary>
/// A rolling upgrade from the previous release, with the silo's serializer: old silos (their types copied from that
/// code under test-only aliases) read every fact of the state and requests this release writes, and this release reads
/// what they write back without the fields they do not know (docs/persistence.md, "Rolling upgrades").
/// </summary>
[Collection(CliClusterGroup.Name)]
public sealed class PreviousReleaseCompatibilityTests(CliClusterFixture fixture)
{
    private static readonly DateTimeOffset At = new(2026, 11, 20, 9, 30, 0, TimeSpan.Zero);
    private static readonly TriggerEvent Event = new(7, "2.9.0", "2.8.0", UpgradeDirection.Downgrade, At);
    private static readonly TriggerRequest Request = new("ag-7", "org-a", "1abc", "production", "my-addon", Event, "ci-int", "e2e", [new JobParameter("ENV", "int")]);

    private static readonly TriggerDelivery Delivery = new()
    {
        Status = TriggerStatus.Running, Attempts = 2, QueueId = 41, BuildNumber = 7, BuildUrl = "https://ci/job/e2e/7/", Result = "UNSTABLE",
        LastError = "timeout", UpdatedAt = At.AddMinutes(3), DispatchStartedAt = At.AddMinutes(1), DispatchedAt = At.AddMinutes(2),
        ConsecutiveFailures = 1, JobDeclaresTriggerId = true,
    };

    private Serializer Serializer => fixture.Client.ServiceProvider.GetRequiredService<Serializer>();

    [Fact]
    public void RolloutState_ReadByThePreviousRelease_HasEveryEventFact()
    {
        var state = new RolloutState
        {
            LastKnownVersion = "3.0.0",
            Triggers =
            [
                new TriggerRecord { TriggerId = "ag-7", Event = Event, Instance = "ci-int", Job = "e2e", Submitted = true },
                new TriggerRecord { TriggerId = "ag-8", Event = new(8, "3.0.0", null, UpgradeDirection.Manual, At.AddHours(1)), Instance = "ci-prod", Job = "folder/smoke" },
            ],
        };

        var old = Serializer.Deserialize<OldRolloutState>(Serializer.SerializeToArray(state))!;

        Assert.Equal("3.0.0", old.LastKnownVersion);
        Assert.Equal([
            ("ag-7", 7, "2.9.0", (string?)"2.8.0", UpgradeDirection.Downgrade, At, "ci-int", "e2e", true),
            ("ag-8", 8, "3.0.0", null, UpgradeDirection.Manual, At.AddHours(1), "ci-prod", "folder/smoke", false),
        ], old.Triggers.Select(t => (t.TriggerId, t.EventNumber, t.Version, t.PreviousVersion, t.Direction, t.CreatedAt, t.Instance, t.Job, t.Submitted)));
    }

    [Fact]
    public void TriggerRequest_SentToThePreviousRelease_HasEveryEventFact()
    {
        var old = Serializer.Deserialize<OldTriggerRequest>(Serializer.SerializeToArray(Request))!;

        Assert.Equal(new OldTriggerRequest("ag-7", "org-a", "1abc", "production", "my-addon", "2.9.0", "2.8.0", UpgradeDirection.Downgrade,
            "ci-int", "e2e", old.StaticParameters, At), old);
        Assert.Equal([new JobParameter("ENV", "int")], old.StaticParameters);
    }

    [Fact]
    public void TriggerState_ReadBySchema1_HasItsDeliveryAndRequest()
    {
        var state = new TriggerState { Request = Request, Delivery = Delivery, TraceParent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", ClearAt = At.AddDays(30) };

        var old = Serializer.Deserialize<OldTriggerState>(Serializer.SerializeToArray(state))!;

        Assert.Equal(Delivery, new TriggerDelivery
        {
            Status = old.Status, Attempts = old.Attempts, QueueId = old.QueueId, BuildNumber = old.BuildNumber, BuildUrl = old.BuildUrl,
            Result = old.Result, LastError = old.LastError, UpdatedAt = old.UpdatedAt, DispatchStartedAt = old.DispatchStartedAt,
            DispatchedAt = old.DispatchedAt, ConsecutiveFailures = old.ConsecutiveFailures, JobDeclaresTriggerId = old.JobDeclaresTriggerId,
        });
        Assert.Equal(("ag-7", "2.9.0", "2.8.0", UpgradeDirection.Downgrade, At), (old.Request!.TriggerId, old.Request.Version, old.Request.PreviousVersion, old.Request.Direction, old.Request.CreatedAt));
        Assert.Equal((state.TraceParent, state.ClearAt), (old.TraceParent, old.ClearAt));
    }

    [Fact]
    public void RolloutState_WrittenBackByThePreviousRelease_ReadsWithItsEvents()
    {
        // The old silo keeps the schema number it read and drops the record's Event, a field it does not know.
        var state = new RolloutState { Triggers = [new TriggerRecord { TriggerId = "ag-7", Event = Event, Instance = "ci-int", Job = "e2e", Submitted = true }] };
        var writtenBack = Serializer.SerializeToArray(Serializer.Deserialize<OldRolloutState>(Serializer.SerializeToArray(state))!);

        var read = Serializer.Deserialize<RolloutState>(writtenBack)!;
        read.Migrate();

        Assert.Equal(("ag-7", Event, "ci-int", "e2e", true), Assert.Single(read.Triggers) is var t ? (t.TriggerId, t.Event, t.Instance, t.Job, t.Submitted) : default);
    }

    [Fact]
    public void TriggerState_WrittenBackBySchema1_KeepsItsDelivery()
    {
        var state = new TriggerState { Request = Request, Delivery = Delivery };
        var writtenBack = Serializer.SerializeToArray(Serializer.Deserialize<OldTriggerState>(Serializer.SerializeToArray(state))!);

        var read = Serializer.Deserialize<TriggerState>(writtenBack)!;
        read.Migrate();

        Assert.Equal(Delivery, read.Delivery);
        Assert.Equal(Request with { Event = Event with { Number = 0 }, StaticParameters = read.Request!.StaticParameters }, read.Request);
    }

    [Fact]
    public void TriggerRequest_FromThePreviousRelease_HasItsEvent()
    {
        var old = new OldTriggerRequest("ag-7", "org-a", "1abc", "production", "my-addon", "2.9.0", "2.8.0", UpgradeDirection.Downgrade,
            "ci-int", "e2e", [new JobParameter("ENV", "int")], At);

        var request = Serializer.Deserialize<TriggerRequest>(Serializer.SerializeToArray(old))!;

        Assert.Equal(Request with { Event = Event with { Number = 0 }, StaticParameters = request.StaticParameters }, request);
        Assert.Equal([new JobParameter("ENV", "int")], request.StaticParameters);
    }
}
