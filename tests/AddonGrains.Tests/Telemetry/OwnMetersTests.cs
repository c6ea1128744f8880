using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;

namespace AddonGrains.Tests.Telemetry;

/// <summary>
/// Two hosts in one process, each with its own <see cref="IMeterFactory"/> and the same instrument: the other host
/// stopping must not take this host's points with it (what made the HttpClient assertion of the telemetry tests
/// fail on a busy machine, when another test's silo stopped in between).
/// </summary>
public sealed class OwnMetersTests
{
    private const string MeterName = "AddonGrains.Tests.OwnMeters";

    [Fact]
    public void AnotherHostsInstrumentDisposed_ThisHostsLaterPointsAreStillExported()
    {
        using var other = new ServiceCollection().AddMetrics().BuildServiceProvider();
        using var own = new ServiceCollection().AddMetrics().BuildServiceProvider();
        // The other host's instrument is published first, as when an earlier test's silo made the first request.
        var otherRequests = Requests(other);
        otherRequests.Add(1);
        var exported = new List<MetricSnapshot>();
        using var provider = Sdk.CreateMeterProviderBuilder()
            .AddMeter(MeterName)
            .OnlyFromHost(own.GetRequiredService<IMeterFactory>())
            .AddInMemoryExporter(exported)
            .Build();
        var ownRequests = Requests(own);

        ownRequests.Add(1);
        other.Dispose();
        Assert.True(provider.ForceFlush(10_000));
        ownRequests.Add(1);
        exported.Clear();
        Assert.True(provider.ForceFlush(10_000));

        var metric = Assert.Single(exported, m => m.Name == "requests");
        Assert.Equal(2, metric.MetricPoints.Sum(p => p.GetSumLong()));
    }

    private static Counter<long> Requests(IServiceProvider host) =>
        host.GetRequiredService<IMeterFactory>().Create(MeterName).CreateCounter<long>("requests");
}
