using AddonGrains.Grains;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace AddonGrains.Silo.Hosting;

/// <summary>
/// OpenTelemetry traces, metrics and logs (docs/observability.md); exported over OTLP only when
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set. Orleans grain-call spans also need <c>AddActivityPropagation()</c> on
/// the silo (see <see cref="OrleansHosting"/>) and on every client.
/// </summary>
internal static class TelemetryHosting
{
    public const string ServiceName = "addongrains-silo";

    /// <summary>Orleans activity sources: grain calls and runtime (activation, storage, reminders).</summary>
    public static readonly string[] OrleansSources = ["Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application"];

    /// <summary>Meters: AddonGrains, Orleans. Runtime and HttpClient meters come from their instrumentation.</summary>
    public static readonly string[] Meters = [Telemetry.Name, "Microsoft.Orleans"];

    public static WebApplicationBuilder AddAddonTelemetry(this WebApplicationBuilder builder)
    {
        var endpoint = builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"];
        var siloPort = builder.Configuration.GetValue("Orleans:SiloPort", SiloDefaults.SiloPort);
        builder.Services.AddAddonTelemetry($"{Environment.MachineName}:{siloPort}",
            string.IsNullOrWhiteSpace(endpoint) ? null : new OtlpTarget(new Uri(endpoint), ParseProtocol(builder.Configuration["OTEL_EXPORTER_OTLP_PROTOCOL"])));
        return builder;
    }

    /// <summary>
    /// Registers the providers with resource <c>service.name=addongrains-silo</c> and <c>service.instance.id=</c>
    /// <paramref name="instanceId"/>; OTLP for all three signals when <paramref name="otlp"/> is given (the other
    /// <c>OTEL_EXPORTER_OTLP_*</c> variables, headers and timeout, still apply).
    /// </summary>
    public static OpenTelemetryBuilder AddAddonTelemetry(this IServiceCollection services, string instanceId, OtlpTarget? otlp)
    {
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(ServiceName, serviceInstanceId: instanceId))
            .WithTracing(t => t.AddSource(Telemetry.Name).AddSource(OrleansSources)
                .AddHttpClientInstrumentation(o => o.FilterHttpRequestMessage = AddonGrains.Grains.Notifications.NotificationRegistration.Traced))
            .WithMetrics(m => m.AddMeter(Meters).AddRuntimeInstrumentation().AddHttpClientInstrumentation())
            .WithLogging(configureBuilder: null, configureOptions: o =>
            {
                // Every record carries the trace and span id of Activity.Current; the message and scopes go along.
                o.IncludeFormattedMessage = true;
                o.IncludeScopes = true;
            });
        if (otlp is { } target)
        {
            telemetry.UseOtlpExporter(target.Protocol, target.Endpoint);
        }

        return telemetry;
    }

    /// <summary><c>OTEL_EXPORTER_OTLP_PROTOCOL</c>: <c>grpc</c> (the .NET default) or <c>http/protobuf</c>.</summary>
    public static OtlpExportProtocol ParseProtocol(string? value)
    {
        if (string.IsNullOrWhiteSpace(value) || string.Equals(value.Trim(), "grpc", StringComparison.OrdinalIgnoreCase))
        {
            return OtlpExportProtocol.Grpc;
        }

        return string.Equals(value.Trim(), "http/protobuf", StringComparison.OrdinalIgnoreCase)
            ? OtlpExportProtocol.HttpProtobuf
            : throw new InvalidOperationException($"OTEL_EXPORTER_OTLP_PROTOCOL '{value}' is not supported; use grpc or http/protobuf");
    }
}

/// <summary>Where OTLP goes: the base endpoint (signal paths are appended for http/protobuf) and the protocol.</summary>
internal sealed record OtlpTarget(Uri Endpoint, OtlpExportProtocol Protocol);
