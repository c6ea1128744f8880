using System.Diagnostics;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Logs;

namespace AddonGrains.Tests.Telemetry;

/// <summary>One log record as text: everything a sink could write (message, state, scopes, exception) and its trace id.</summary>
public sealed record CapturedLog(string Source, string Category, LogLevel Level, string Message, IReadOnlyList<string> Values, string? Exception, string? TraceId)
{
    /// <summary>Every string of the record, for scans.</summary>
    public IEnumerable<string> Texts() => [Category, Message, .. Values, Exception ?? ""];
}

/// <summary>An <see cref="ILoggerProvider"/> that keeps every record of every category, with its scopes.</summary>
public sealed class CapturingLoggerProvider : ILoggerProvider, ISupportExternalScope
{
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public CaptureCollection<CapturedLog> Records { get; } = new();

    public ILogger CreateLogger(string categoryName) => new CapturingLogger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    private sealed class CapturingLogger(CapturingLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => provider._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = new List<string>();
            if (state is IEnumerable<KeyValuePair<string, object?>> pairs)
            {
                values.AddRange(pairs.Select(p => $"{p.Key}={p.Value}"));
            }

            provider._scopes.ForEachScope((scope, list) => list.Add($"scope:{scope}"), values);
            provider.Records.Add(new CapturedLog("ILogger", category, logLevel, formatter(state, exception), values,
                exception?.ToString(), Activity.Current?.TraceId.ToHexString()));
        }
    }
}

/// <summary>Copies each OpenTelemetry <see cref="LogRecord"/> as it is exported (records are pooled, so keep no reference).</summary>
public sealed class CopyingLogExporter(CaptureCollection<CapturedLog> records) : BaseExporter<LogRecord>
{
    public override ExportResult Export(in Batch<LogRecord> batch)
    {
        foreach (var record in batch)
        {
            var values = record.Attributes?.Select(a => $"{a.Key}={a.Value}").ToList() ?? [];
            record.ForEachScope(
                (scope, list) =>
                {
                    foreach (var item in scope)
                    {
                        list.Add($"scope:{item.Key}={item.Value}");
                    }
                },
                values);
            records.Add(new CapturedLog("OpenTelemetry", record.CategoryName ?? "", record.LogLevel, record.FormattedMessage ?? record.Body ?? "",
                values, record.Exception?.ToString(), record.TraceId == default ? null : record.TraceId.ToHexString()));
        }

        return ExportResult.Success;
    }
}
