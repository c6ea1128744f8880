using AddonGrains.Grains.Hosting;
using AddonGrains.Security;
using Orleans.Configuration;

namespace AddonGrains.Silo.Hosting;

/// <summary>
/// Mutual TLS for silo-to-silo and gateway connections (docs/configuration.md), on when <c>Orleans__Tls__Certificate</c>,
/// <c>Orleans__Tls__Key</c> and <c>Orleans__Tls__Ca</c> are set. The files are checked before anything starts; a
/// bad or partial setting stops the silo (exit 2) naming the setting, never a fallback to plaintext.
/// </summary>
internal static class TlsHosting
{
    /// <summary>False, after one line on stderr naming the setting, when the TLS settings cannot be used.</summary>
    public static bool AddAddonTls(this WebApplicationBuilder builder)
    {
        TlsMaterialSource? source;
        try
        {
            source = TlsPaths.FromVariables(name => builder.Configuration[name.Replace("__", ":", StringComparison.Ordinal)]) is { } paths
                ? TlsMaterialSource.Load(paths, server: true, TimeProvider.System)
                : null;
        }
        catch (TlsSettingException ex)
        {
            Console.Error.WriteLine($"error: {ex.Message}");
            return false;
        }

        if (source is null)
        {
            return true;
        }

        builder.Services.AddSingleton(source);
        builder.Services.AddSingleton(new TransportSecurity(() =>
            new TransportCertificate(source.Current.Certificate.Subject, source.Current.Certificate.NotAfter.ToUniversalTime())));
        builder.UseOrleans(silo =>
        {
            silo.UseTls(source.Configure);
            // The TLS messages (refused peers, rotation) go to the host's log once it exists.
            silo.Services.AddOptions<SiloConnectionOptions>().PostConfigure<ILoggerFactory>((_, logs) => source.UseLogger(logs.CreateLogger("AddonGrains.Tls")));
        });
        return true;
    }
}
