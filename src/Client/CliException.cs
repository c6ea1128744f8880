namespace AddonGrains.Client;

/// <summary>An expected way for a command to end early: the message goes to stderr and the process exits with <see cref="ExitCode"/>.</summary>
internal sealed class CliException : Exception
{
    public CliException() : this(ExitCodes.Failed, "failed") { }

    public CliException(string message) : this(ExitCodes.Failed, message) { }

    public CliException(string message, Exception innerException) : base(message, innerException) => ExitCode = ExitCodes.Failed;

    public CliException(int exitCode, string message, Exception? innerException = null) : base(message, innerException) => ExitCode = exitCode;

    public int ExitCode { get; }
}
