using AddonGrains.Grains.Triggers;
using AddonGrains.Tests.Cli;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace AddonGrains.Tests.Grains;

/// <summary>Trigger state stored with schema 1 (the delivery in fields of its own) reads back, every field, as schema 2.</summary>
[Collection(CliClusterGroup.Name)]
public sealed class TriggerStateCompatibilityTests(CliClusterFixture fixture)
{
    /// <summary>A running <see cref="TriggerState"/> as the grain storage serializer wrote it with schema 1 (fields 0–15).</summary>
    private const string StoredSchema1 =
        "IAAFIehACWFnLTFBC29yZy1hQQkxYWJjQRVwcm9kdWN0aW9uQRFteS1hZGRvbkELMi45LjBBCzIuOC4wAQFBDWNpLWludEEHZTJlISAAAyHoQA9DTFVTVEVSQQVjMeDg4CGAABwv2ehG3wiBAAAAAAAAAADg4AEJAQkBpQEdQStodHRwczovL2NpL2pvYi9lMmUvNy/BAUEPdGltZW91dCGAAO54ROlG3wiBAAAAAAAAAADgIYAAYvL86EbfCIEAAAAAAAAAAOAhgACotSDpRt8IgQAAAAAAAAAA4AEFQW8wMC0wYWY3NjUxOTE2Y2Q0M2RkODQ0OGViMjExYzgwMzE5Yy1iN2FkNmI3MTY5MjAzMzMxLTAxAQMhgACck9F7Xt8IgQAAAAAAAAAA4OA=";

    private static readonly DateTimeOffset Created = new(2026, 11, 20, 9, 30, 0, TimeSpan.Zero);

    [Fact]
    public void Schema1State_MigratesEveryDeliveryField()
    {
        var serializer = fixture.Client.ServiceProvider.GetRequiredService<Serializer>();

        var state = serializer.Deserialize<TriggerState>(Convert.FromBase64String(StoredSchema1))!;
        Assert.Equal(1, state.Schema);
        state.Migrate();

        Assert.Equal(TriggerState.CurrentSchema, state.Schema);
        Assert.Equal(new TriggerRequest("ag-1", "org-a", "1abc", "production", "my-addon", "2.9.0", "2.8.0", UpgradeDirection.Upgrade,
            "ci-int", "e2e", [new JobParameter("CLUSTER", "c1")], Created) with { StaticParameters = state.Request!.StaticParameters }, state.Request);
        Assert.Equal([new JobParameter("CLUSTER", "c1")], state.Request.StaticParameters);
        Assert.Equal(new TriggerDelivery
        {
            Status = TriggerStatus.Running, Attempts = 2, QueueId = 41, BuildNumber = 7, BuildUrl = "https://ci/job/e2e/7/", LastError = "timeout",
            UpdatedAt = Created.AddMinutes(3), DispatchStartedAt = Created.AddMinutes(1), DispatchedAt = Created.AddMinutes(2),
            ConsecutiveFailures = 1, JobDeclaresTriggerId = true,
        }, state.Delivery);
        Assert.Equal(("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", Created.AddDays(30)), (state.TraceParent, state.ClearAt));
    }

    [Fact]
    public void Schema2State_RoundTripsAndMigrateChangesNothing()
    {
        var serializer = fixture.Client.ServiceProvider.GetRequiredService<Serializer>();
        var delivery = new TriggerDelivery { Status = TriggerStatus.Succeeded, Attempts = 1, QueueId = 3, BuildNumber = 9, Result = "SUCCESS", UpdatedAt = Created };
        var request = new TriggerRequest("ag-2", "org-a", "1abc", "production", "my-addon", "3.0.0", null, UpgradeDirection.Manual, "ci-int", "e2e", [], Created);

        var copy = serializer.Deserialize<TriggerState>(serializer.SerializeToArray(new TriggerState { Request = request, Delivery = delivery }))!;
        copy.Migrate();

        Assert.Equal((TriggerState.CurrentSchema, delivery), (copy.Schema, copy.Delivery));
        Assert.Equal(request.TriggerId, copy.Request!.TriggerId);
    }
}
