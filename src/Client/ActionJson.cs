namespace AddonGrains.Client;

/// <summary>The result of <c>retrigger</c> and <c>baseline</c> with <c>-o json</c>.</summary>
internal sealed record ActionJson(string Organization, string OrgId, string Addon, bool Accepted, string Message, string? TriggerId);
