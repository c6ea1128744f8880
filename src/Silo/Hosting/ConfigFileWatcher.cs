using System.Runtime.InteropServices;
using AddonGrains.Grains;

namespace AddonGrains.Silo.Hosting;

/// <summary>
/// Hot reload of <c>--config FILE</c>: every <c>reload.interval</c> (and at once on SIGHUP) the file is read and
/// validated fully, secrets included; a valid configuration whose content or secrets changed is applied, an invalid
/// one changes nothing: the errors are logged with their key paths, counted, and shown by <c>validate</c> and the
/// status page until the file is fixed.
/// </summary>
/// <remarks>
/// It reads through the reader the configuration was read with at start, so an app-interface bundle already read
/// (same sha) is not fetched again by the first reload.
/// </remarks>
internal sealed partial class ConfigFileWatcher(ConfigurationReader reader, SettingsSource source, ILogger<ConfigFileWatcher> logger) : BackgroundService
{
    private readonly SemaphoreSlim _signal = new(0);
    private string? _lastRejection;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var sighup = PosixSignalRegistration.Create(PosixSignal.SIGHUP, context =>
        {
            context.Cancel = true; // SIGHUP means "reload", not "terminate"
            LogSignalled(logger, reader.Path);
            _signal.Release();
        });
        LogWatching(logger, reader.Path, source.Current.Reload.Interval);
        ConfigTelemetry.SetReloadFailing(false); // the configuration the silo started with was valid: report 0 from the start
        if (SignalDisposition.IsIgnored(SignalDisposition.Sighup))
        {
            LogSighupIgnored(logger, source.Current.Reload.Interval);
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var signalled = await _signal.WaitAsync(source.Current.Reload.Interval, stoppingToken);
                await ReloadAsync(signalled, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    /// <summary>
    /// One reload: read, validate (for app-interface: the current bundle, secrets from Vault), apply or keep the last
    /// good configuration. An app-interface or Vault outage is a rejected reload like an invalid file.
    /// </summary>
    internal async Task ReloadAsync(bool signalled, CancellationToken cancellationToken)
    {
        AddonGrainsSettings settings;
        try
        {
            settings = await reader.ReadAsync(cancellationToken);
        }
        catch (ConfigurationException ex)
        {
            Reject(ex);
            return;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Process edge: whatever a source does, a reload that fails keeps the running configuration and the silo up.
            Reject(new ConfigurationException($"{reader.Path}: the reload failed ({ex.GetType().Name})") { FromAppInterface = source.Current.AppInterface is not null });
            return;
        }

        _lastRejection = null;
        ConfigTelemetry.SetReloadFailing(false);
        var previous = source.Hash;
        if (source.ApplyIfChanged(settings))
        {
            LogApplied(logger, settings.Hash, previous, settings.RolloutKeys.Length);
        }
        else if (signalled)
        {
            LogUnchanged(logger, settings.Hash);
        }
    }

    private void Reject(ConfigurationException ex)
    {
        var hash = TryHash();
        var rejection = hash + "\n" + string.Join("\n", ex.Errors);
        // Worded by what failed in this reload (the file, or app-interface behind a valid file), not by the running source.
        source.Reject(hash, ex.Errors, fromAppInterface: ex.FromAppInterface);
        ConfigTelemetry.SetReloadFailing(true);
        if (rejection == _lastRejection)
        {
            return; // the same broken file as at the last check: logged and counted once
        }

        _lastRejection = rejection;
        ConfigTelemetry.ReloadFailures.Add(1);
        LogRejected(logger, reader.Path, hash, source.Hash, string.Join(Environment.NewLine + "  ", ex.Errors));
    }

    private string TryHash()
    {
        try
        {
            return ConfigHash.Of(File.ReadAllBytes(reader.Path));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return "unreadable";
        }
    }

    public override void Dispose()
    {
        _signal.Dispose();
        base.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Watching {Path} for configuration changes every {Interval} (and on SIGHUP)")]
    private static partial void LogWatching(ILogger logger, string path, TimeSpan interval);

    [LoggerMessage(Level = LogLevel.Information, Message = "Configuration {Hash} applied (was {Previous}): {Count} organization x add-on pairs")]
    private static partial void LogApplied(ILogger logger, string hash, string previous, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "SIGHUP is ignored by this process (it was started with SIGHUP ignored, e.g. under nohup), so SIGHUP cannot reload it; the file is still read every {Interval}")]
    private static partial void LogSighupIgnored(ILogger logger, TimeSpan interval);

    [LoggerMessage(Level = LogLevel.Information, Message = "SIGHUP: reloading {Path} now")]
    private static partial void LogSignalled(ILogger logger, string path);

    [LoggerMessage(Level = LogLevel.Information, Message = "Configuration reload: {Hash} is already running")]
    private static partial void LogUnchanged(ILogger logger, string hash);

    [LoggerMessage(Level = LogLevel.Error, Message = "Configuration reload failed: {Path} ({Hash}) is invalid; keeping the running configuration {Running}:\n  {Errors}")]
    private static partial void LogRejected(ILogger logger, string path, string hash, string running, string errors);
}

/// <summary>Registers <see cref="ConfigFileWatcher"/> when the silo runs from a configuration file.</summary>
internal static class ConfigReloadHosting
{
    public static WebApplicationBuilder AddConfigReload(this WebApplicationBuilder builder, ConfigurationReader? reader)
    {
        if (reader is not null)
        {
            builder.Services.AddHostedService(sp => new ConfigFileWatcher(
                reader, sp.GetRequiredService<SettingsSource>(), sp.GetRequiredService<ILogger<ConfigFileWatcher>>()));
        }

        return builder;
    }
}
