using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace AddonGrains.Tests.Cli;

[Collection(CliClusterGroup.Name)]
public sealed class ValidationReportSerializationTests(CliClusterFixture fixture)
{
    [Fact]
    public void Serializer_ValidationReport_RoundTrips()
    {
        var serializer = fixture.Client.ServiceProvider.GetRequiredService<Serializer>();
        var report = new ValidationReport(
        [
            ValidationCheck.Of("ocm integration", true, "token ok"),
            new ValidationCheck("jenkins ci-int job e2e (golden/acm)", false, "not buildable", ["ADDON_ID"], [new JobParameter("ADDON_ID", "acm")], "buildWithParameters"),
        ], new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero));

        var copy = serializer.Deserialize<ValidationReport>(serializer.SerializeToArray(report))!;

        Assert.Equal(report.CheckedAt, copy.CheckedAt);
        Assert.Equal(report.Checks.Select(c => (c.Subject, c.Passed, c.Detail, c.Endpoint)), copy.Checks.Select(c => (c.Subject, c.Passed, c.Detail, c.Endpoint)));
        Assert.Equal(["ADDON_ID"], copy.Checks[1].DeclaredParameters);
        Assert.Equal([new JobParameter("ADDON_ID", "acm")], copy.Checks[1].Payload);
        Assert.True(copy.Checks[0].Payload.IsEmpty);
        Assert.False(copy.Passed);
    }
}
