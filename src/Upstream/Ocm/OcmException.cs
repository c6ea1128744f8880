namespace AddonGrains.Upstream.Ocm;

/// <summary>
/// An OCM call that did not yield complete, well-formed data. The message is meant for an operator
/// (what was called, what came back, what to do) and never contains a token or secret.
/// </summary>
public sealed class OcmException : Exception
{
    public OcmException() { }

    public OcmException(string message) : base(message) { }

    public OcmException(string message, Exception innerException) : base(message, innerException) { }

    public OcmException(string message, int? statusCode, Exception? innerException = null) : base(message, innerException) =>
        StatusCode = statusCode;

    /// <summary>The HTTP status, when there was a response.</summary>
    public int? StatusCode { get; }
}
