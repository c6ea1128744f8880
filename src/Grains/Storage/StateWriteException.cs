namespace AddonGrains.Grains.Storage;

/// <summary>A grain's state was not written; the grain recovers at its next call or tick (see <see cref="StateWriter{T}"/>).</summary>
public sealed class StateWriteException : OrleansException
{
    public StateWriteException(string grain, Exception inner)
        : base($"writing the {grain} state failed: {Innermost(inner).Message}", inner)
    {
    }

    private static Exception Innermost(Exception ex) => ex.InnerException is null ? ex : Innermost(ex.InnerException);
}
