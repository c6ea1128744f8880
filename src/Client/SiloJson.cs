namespace AddonGrains.Client;

/// <summary>One element of <c>silos -o json</c>; field names as in docs/cli.md.</summary>
internal sealed record SiloJson(string Name, string Address, string? Gateway, string Status, string? StartedAt, int? Activations, string? ConfigHash)
{
    public static SiloJson From(SiloMember m) => new(m.Name, m.Address, m.Gateway, m.Status, Iso.Format(m.StartedAt), m.Activations, m.ConfigHash);
}
