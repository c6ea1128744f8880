using AddonGrains.Silo.Hosting;
using OpenTelemetry.Exporter;

namespace AddonGrains.Tests.Telemetry;

/// <summary><see cref="TelemetryFixture"/> exporting over OTLP/HTTP to a real receiver process on loopback.</summary>
public sealed class OtlpReceiverFixture : TelemetryFixture
{
    public OtlpReceiver Receiver { get; private set; } = null!;

    private protected override OtlpTarget? Otlp => new(Receiver.OtlpHttp, OtlpExportProtocol.HttpProtobuf);

    public override async ValueTask InitializeAsync()
    {
        Receiver = await OtlpReceiver.StartAsync(TestContext.Current.CancellationToken);
        await base.InitializeAsync();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Receiver.DisposeAsync();
    }
}

public sealed class OtlpExportTests(OtlpReceiverFixture fixture) : IClassFixture<OtlpReceiverFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Convergence_IsExportedOverOtlp_WithServiceNameInstanceSpansAndLogs()
    {
        var grain = fixture.Grains.GetGrain<IRolloutGrain>(RolloutKey.For("otel-otlp", "acm"));
        fixture.Fleet("org-otel-otlp", "1.0.0", "oo-a");
        await grain.CheckAsync(Ct);
        fixture.Fleet("org-otel-otlp", "1.1.0", "oo-a");
        await grain.CheckAsync(Ct);
        var history = await Wait.UntilAsync(() => grain.GetHistoryAsync(Ct), h => h.Length == 1 && h[0].Delivery.Status == TriggerStatus.Succeeded,
            TimeSpan.FromSeconds(30), "the build to succeed", cancellationToken: Ct);
        fixture.FlushTracesAndLogs();
        fixture.CollectMetrics();

        var traces = await Wait.UntilAsync(() => fixture.Receiver.QueryAsync("traces", Ct),
            t => t.Contains("\"otel-otlp\"", StringComparison.Ordinal) && t.Contains(history[0].Request.TriggerId, StringComparison.Ordinal),
            TimeSpan.FromSeconds(20), "the receiver to hold the check and trigger spans", cancellationToken: Ct);
        Assert.Contains(TelemetryHosting.ServiceName, traces, StringComparison.Ordinal);
        Assert.Contains("test-", traces, StringComparison.Ordinal);
        Assert.Contains("addongrains.clusters.on_target", traces, StringComparison.Ordinal);
        var logs = await Wait.UntilAsync(() => fixture.Receiver.QueryAsync("logs", Ct),
            l => l.Contains(history[0].Request.TriggerId, StringComparison.Ordinal), TimeSpan.FromSeconds(20), "the receiver to hold the trigger's log records", cancellationToken: Ct);
        Assert.DoesNotContain(TelemetryFixture.JenkinsToken, logs, StringComparison.Ordinal);
        Assert.DoesNotContain(TelemetryFixture.OcmClientSecret, traces, StringComparison.Ordinal);
    }
}
