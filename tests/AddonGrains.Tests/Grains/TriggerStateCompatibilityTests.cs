using AddonGrains.Grains.Triggers;
using AddonGrains.Tests.Cli;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace AddonGrains.Tests.Grains;

/// <summary>
/// Trigger state stored with schema 1 (the delivery in fields of its own) or schema 2 (the request's event facts in
/// fields of the request) reads back, every field, as the current schema.
/// </summary>
[Collection(CliClusterGroup.Name)]
public sealed class TriggerStateCompatibilityTests(CliClusterFixture fixture)
{
    /// <summary>A running <see cref="TriggerState"/> as the grain storage serializer wrote it with schema 1 (fields 0–15).</summary>
    private const string StoredSchema1 =
        "IAAFIehACWFnLTFBC29yZy1hQQkxYWJjQRVwcm9kdWN0aW9uQRFteS1hZGRvbkELMi45LjBBCzIuOC4wAQFBDWNpLWludEEHZTJlISAAAyHoQA9DTFVTVEVSQQVjMeDg4CGAABwv2ehG3wiBAAAAAAAAAADg4AEJAQkBpQEdQStodHRwczovL2NpL2pvYi9lMmUvNy/BAUEPdGltZW91dCGAAO54ROlG3wiBAAAAAAAAAADgIYAAYvL86EbfCIEAAAAAAAAAAOAhgACotSDpRt8IgQAAAAAAAAAA4AEFQW8wMC0wYWY3NjUxOTE2Y2Q0M2RkODQ0OGViMjExYzgwMzE5Yy1iN2FkNmI3MTY5MjAzMzMxLTAxAQMhgACck9F7Xt8IgQAAAAAAAAAA4OA=";

    /// <summary>
    /// A running <see cref="TriggerState"/> as the grain storage serializer wrote it with schema 2 (request fields 0–11,
    /// the delivery in field 16): made by the code of that schema, serializing the state this test expects.
    /// </summary>
    private const string StoredSchema2 =
        "IAAJIehACWFnLTJBC29yZy1hQQkxYWJjQRVwcm9kdWN0aW9uQRFteS1hZGRvbkELMi45LjBBCzIuOC4wAQVBDWNpLWludEEHZTJlISAABSHoQA9DTFVTVEVSQQVjMeAg6EAHRU5WQQdpbnTg4OAhgAAcL9noRt8IgQAAAAAAAAAA4OABAQEBwQHBAcEBwQHBASGAAAAAAAAAAACBAAAAAAAAAADgwQHBAQEBQW8wMC0wYWY3NjUxOTE2Y2Q0M2RkODQ0OGViMjExYzgwMzE5Yy1iN2FkNmI3MTY5MjAzMzMxLTAxAQEhgACck9F7Xt8IgQAAAAAAAAAA4CHoAAkBCQGlAR1BK2h0dHBzOi8vY2kvam9iL2UyZS83L8EBQQ90aW1lb3V0IYAA7nhE6UbfCIEAAAAAAAAAAOAhgABi8vzoRt8IgQAAAAAAAAAA4CGAAKi1IOlG3wiBAAAAAAAAAADgAQUBA+Dg";

    private static readonly DateTimeOffset Created = new(2026, 11, 20, 9, 30, 0, TimeSpan.Zero);

    /// <summary>The delivery both samples were written with.</summary>
    private static readonly TriggerDelivery RunningDelivery = new()
    {
        Status = TriggerStatus.Running, Attempts = 2, QueueId = 41, BuildNumber = 7, BuildUrl = "https://ci/job/e2e/7/", LastError = "timeout",
        UpdatedAt = Created.AddMinutes(3), DispatchStartedAt = Created.AddMinutes(1), DispatchedAt = Created.AddMinutes(2),
        ConsecutiveFailures = 1, JobDeclaresTriggerId = true,
    };

    [Fact]
    public void Schema1State_MigratesEveryDeliveryField()
    {
        var serializer = fixture.Client.ServiceProvider.GetRequiredService<Serializer>();

        var state = serializer.Deserialize<TriggerState>(Convert.FromBase64String(StoredSchema1))!;
        Assert.Equal(1, state.Schema);
        state.Migrate();

        Assert.Equal(TriggerState.CurrentSchema, state.Schema);
        Assert.Equal(new TriggerRequest("ag-1", "org-a", "1abc", "production", "my-addon", new TriggerEvent(0, "2.9.0", "2.8.0", UpgradeDirection.Upgrade, Created),
            "ci-int", "e2e", [new JobParameter("CLUSTER", "c1")]) with { StaticParameters = state.Request!.StaticParameters }, state.Request);
        Assert.Equal([new JobParameter("CLUSTER", "c1")], state.Request.StaticParameters);
        Assert.Equal(RunningDelivery, state.Delivery);
        Assert.Equal(("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", Created.AddDays(30)), (state.TraceParent, state.ClearAt));
    }

    [Fact]
    public void Schema2State_MigratesTheRequestsEventFacts()
    {
        var serializer = fixture.Client.ServiceProvider.GetRequiredService<Serializer>();

        var state = serializer.Deserialize<TriggerState>(Convert.FromBase64String(StoredSchema2))!;
        Assert.Equal(2, state.Schema);
        state.Migrate();

        Assert.Equal(TriggerState.CurrentSchema, state.Schema);
        Assert.Equal(new TriggerRequest("ag-2", "org-a", "1abc", "production", "my-addon", new TriggerEvent(0, "2.9.0", "2.8.0", UpgradeDirection.Downgrade, Created),
            "ci-int", "e2e", [new JobParameter("CLUSTER", "c1"), new JobParameter("ENV", "int")]) with { StaticParameters = state.Request!.StaticParameters }, state.Request);
        Assert.Equal([new JobParameter("CLUSTER", "c1"), new JobParameter("ENV", "int")], state.Request.StaticParameters);
        Assert.Equal(RunningDelivery, state.Delivery);
        Assert.Equal(("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", Created.AddDays(30)), (state.TraceParent, state.ClearAt));
    }

    [Fact]
    public void CurrentState_RoundTripsAndMigrateChangesNothing()
    {
        var serializer = fixture.Client.ServiceProvider.GetRequiredService<Serializer>();
        var delivery = new TriggerDelivery { Status = TriggerStatus.Succeeded, Attempts = 1, QueueId = 3, BuildNumber = 9, Result = "SUCCESS", UpdatedAt = Created };
        var request = new TriggerRequest("ag-2", "org-a", "1abc", "production", "my-addon", new TriggerEvent(4, "3.0.0", null, UpgradeDirection.Manual, Created),
            "ci-int", "e2e", []);

        var copy = serializer.Deserialize<TriggerState>(serializer.SerializeToArray(new TriggerState { Request = request, Delivery = delivery }))!;
        copy.Migrate();

        Assert.Equal((TriggerState.CurrentSchema, delivery), (copy.Schema, copy.Delivery));
        Assert.Equal(request with { StaticParameters = copy.Request!.StaticParameters }, copy.Request);
    }
}
