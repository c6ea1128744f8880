namespace AddonGrains.GrainInterfaces;

/// <summary>An upstream API (OCM, Jenkins) did not give a usable answer. The message is for an operator and holds no secret.</summary>
[GenerateSerializer, Alias("upstream-exception")]
public sealed class UpstreamException : Exception
{
    public UpstreamException() { }

    public UpstreamException(string message) : base(message) { }

    public UpstreamException(string message, Exception innerException) : base(message, innerException) { }
}
