namespace AddonGrains.Grains.Storage;

/// <summary>
/// A grain's state was not written; the grain recovers at its next call or tick (see <see cref="StateWriter{T}"/>).
/// Carries the cause's message only: the storage driver's own exception types need not cross a grain call.
/// </summary>
[GenerateSerializer, Alias("addongrains.state-write-failed")]
public sealed class StateWriteException : OrleansException
{
    public StateWriteException(string grain, Exception cause)
        : base($"writing the {grain} state failed: {cause.GetBaseException().Message}")
    {
    }
}
