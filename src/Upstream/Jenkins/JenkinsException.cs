namespace AddonGrains.Upstream.Jenkins;

/// <summary>A failed Jenkins call, classified. The message names the call and the reason, never a credential.</summary>
public sealed class JenkinsException : Exception
{
    public JenkinsException() { }

    public JenkinsException(string message) : base(message) { }

    public JenkinsException(string message, Exception innerException) : base(message, innerException) { }

    public JenkinsException(string message, JenkinsFailureKind kind, int? statusCode, Exception? innerException = null)
        : base(message, innerException)
    {
        Kind = kind;
        StatusCode = statusCode;
    }

    public JenkinsFailureKind Kind { get; } = JenkinsFailureKind.Transient;

    /// <summary>The HTTP status, when there was a response.</summary>
    public int? StatusCode { get; }
}
