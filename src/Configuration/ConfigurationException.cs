namespace AddonGrains.Configuration;

/// <summary>The configuration file is invalid. Each error names its key path, e.g. <c>organizations[0].orgId: …</c>.</summary>
public sealed class ConfigurationException : Exception
{
    public ConfigurationException() : this([]) { }

    public ConfigurationException(string message) : this([message]) { }

    public ConfigurationException(string message, Exception innerException) : base(message, innerException) => Errors = [message];

    public ConfigurationException(ImmutableArray<string> errors)
        : base(errors.IsDefaultOrEmpty ? "invalid configuration" : "invalid configuration:" + Environment.NewLine + "  " + string.Join(Environment.NewLine + "  ", errors)) =>
        Errors = errors.IsDefault ? [] : errors;

    /// <summary>Every error found, one per offending key.</summary>
    public ImmutableArray<string> Errors { get; }

    /// <summary>
    /// The file was valid, but completing it from app-interface failed (qontract-server or Vault unreachable, or what
    /// they serve is invalid); false when the file itself is at fault.
    /// </summary>
    public bool FromAppInterface { get; init; }
}
