namespace AddonGrains.GrainInterfaces;

/// <summary>The outcome of an operator action (<c>retrigger</c>, <c>baseline</c>).</summary>
[GenerateSerializer, Immutable, Alias("manual-action-result")]
public sealed record ManualActionResult(
    [property: Id(0)] bool Accepted,
    [property: Id(1)] string Message,
    [property: Id(2)] string? TriggerId)
{
    public static ManualActionResult Refused(string message) => new(false, message, null);

    public static ManualActionResult Done(string message, string? triggerId = null) => new(true, message, triggerId);
}
