using AddonGrains.Grains;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace AddonGrains.Silo.Hosting;

/// <summary>OpenTelemetry traces, metrics and logs; exported over OTLP only when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set.</summary>
internal static class TelemetryHosting
{
    public const string ServiceName = "addongrains-silo";

    public static WebApplicationBuilder AddAddonTelemetry(this WebApplicationBuilder builder)
    {
        var otlp = !string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        var instance = $"{Environment.MachineName}:{builder.Configuration.GetValue("Orleans:SiloPort", SiloDefaults.SiloPort)}";
        builder.Logging.AddOpenTelemetry(o =>
        {
            o.IncludeFormattedMessage = true;
            o.IncludeScopes = true;
        });
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(ServiceName, serviceInstanceId: instance))
            .WithTracing(t =>
            {
                t.AddSource(Telemetry.Name, "Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application").AddHttpClientInstrumentation();
                if (otlp)
                {
                    t.AddOtlpExporter();
                }
            })
            .WithLogging(l =>
            {
                if (otlp)
                {
                    l.AddOtlpExporter();
                }
            })
            .WithMetrics(m =>
            {
                m.AddMeter(Telemetry.Name, "Microsoft.Orleans").AddRuntimeInstrumentation().AddHttpClientInstrumentation();
                if (otlp)
                {
                    m.AddOtlpExporter();
                }
            });
        builder.Services.AddSingleton(telemetry);
        return builder;
    }
}
