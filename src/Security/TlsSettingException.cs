namespace AddonGrains.Security;

/// <summary>A TLS setting that cannot be used: <see cref="Exception.Message"/> starts with the setting's name.</summary>
public sealed class TlsSettingException : Exception
{
    public TlsSettingException() : this("TLS", "invalid") { }

    public TlsSettingException(string message) : base(message) => Setting = "TLS";

    public TlsSettingException(string message, Exception innerException) : base(message, innerException) => Setting = "TLS";

    public TlsSettingException(string setting, string problem, Exception? innerException = null)
        : base($"{setting}: {problem}", innerException) => Setting = setting;

    /// <summary>The setting at fault, as the user wrote it (an environment variable or a CLI option).</summary>
    public string Setting { get; }
}
