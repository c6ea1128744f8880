using AddonGrains.Simulators.Jenkins;
using AddonGrains.Simulators.Ocm;

namespace AddonGrains.Simulators.World;

/// <summary>
/// A started <see cref="SimulatedWorldBuilder"/>: both simulators on loopback and the YAML that points at them.
/// Secrets are in <see cref="Environment"/> (env var name → value; give it to the silo process or to the settings
/// loader via <see cref="Secret"/>) unless the builder put them into files.
/// </summary>
public sealed class SimulatedWorld(OcmSimulator ocm, JenkinsSimulator jenkins, string yaml, IReadOnlyDictionary<string, string> environment) : IAsyncDisposable
{
    public OcmSimulator Ocm { get; } = ocm;

    public JenkinsSimulator Jenkins { get; } = jenkins;

    /// <summary>The configuration (docs/configuration.md) for this world.</summary>
    public string Yaml { get; } = yaml;

    /// <summary>The secrets' env vars.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; } = environment;

    public static SimulatedWorldBuilder Build() => new();

    /// <summary>The value of the secret env var <paramref name="name"/>, or null (a settings loader's lookup).</summary>
    public string? Secret(string name) => Environment.GetValueOrDefault(name);

    /// <summary>Writes <see cref="Yaml"/> to <paramref name="path"/> and returns the path.</summary>
    public async Task<string> WriteConfigAsync(string path, CancellationToken cancellationToken = default)
    {
        await File.WriteAllTextAsync(path, Yaml, cancellationToken);
        return path;
    }

    /// <summary>Puts <paramref name="clusters"/> (already known) on <paramref name="version"/> of <paramref name="addon"/>, ready.</summary>
    public void SetVersion(string addon, string version, IEnumerable<string> clusters)
    {
        foreach (var cluster in clusters)
        {
            Ocm.SetAddonInstallation(cluster, addon, version);
        }
    }

    /// <summary>
    /// Starts an upgrade of <paramref name="addon"/> to <paramref name="version"/> on <paramref name="clusters"/>: each is
    /// <c>upgrading</c> (desired version <paramref name="version"/>) for <paramref name="listingsUntilReady"/> listings of
    /// its add-ons, then ready on it; null: until <see cref="SetVersion"/> ends it.
    /// </summary>
    public void Upgrade(string addon, string version, IEnumerable<string> clusters, int? listingsUntilReady = 1)
    {
        foreach (var cluster in clusters)
        {
            Ocm.StartUpgrade(cluster, addon, version, listingsUntilReady);
        }
    }

    /// <summary>Adds (or keeps) <paramref name="clusters"/> of <paramref name="orgId"/> and puts them on <paramref name="version"/> of <paramref name="addon"/>.</summary>
    public void Fleet(string orgId, string addon, string version, IEnumerable<string> clusters)
    {
        foreach (var id in clusters)
        {
            Ocm.AddCluster(new SimulatedCluster(id, $"cl-{id}", orgId));
            Ocm.SetAddonInstallation(id, addon, version);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Jenkins.DisposeAsync();
        await Ocm.DisposeAsync();
    }
}
