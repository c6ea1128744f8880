using OpenTelemetry.Metrics;

namespace AddonGrains.Silo.Hosting;

/// <summary>
/// <c>/metrics</c> in Prometheus text format. The exporter is added to the MeterProvider that
/// <see cref="TelemetryHosting"/> builds, so Prometheus sees the same meters as the OTLP export.
/// </summary>
internal static class PrometheusHosting
{
    public const string Path = "/metrics";

    public static WebApplicationBuilder AddAddonPrometheus(this WebApplicationBuilder builder)
    {
        builder.Services.ConfigureOpenTelemetryMeterProvider(m => m.AddPrometheusExporter());
        return builder;
    }

    public static WebApplication MapAddonPrometheus(this WebApplication app)
    {
        app.MapPrometheusScrapingEndpoint(Path);
        return app;
    }
}
