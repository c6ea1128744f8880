namespace AddonGrains.Configuration;

/// <summary>
/// The configuration this silo runs, swappable while it runs (hot reload). Grains read <see cref="Current"/> at
/// each use instead of capturing the settings at activation, so a reload counts from the next check on.
/// </summary>
public sealed class SettingsSource(AddonGrainsSettings initial)
{
    private volatile Snapshot _running = new(initial, initial.Hash);
    private volatile ConfigurationStatus _status = ConfigurationStatus.UpToDate(initial.Hash);

    /// <summary>Raised after a new configuration was swapped in (previous, current); handlers must not throw.</summary>
    public event Action<Snapshot, Snapshot>? Applied;

    /// <summary>The running configuration.</summary>
    public AddonGrainsSettings Current => _running.Settings;

    /// <summary>The content hash of the running configuration.</summary>
    public string Hash => _running.Hash;

    /// <summary>Whether the running configuration is the source's, and why not.</summary>
    public ConfigurationStatus Status => _status;

    /// <summary>Swaps in a validated configuration (also when only re-read secrets changed) and clears reload errors.</summary>
    public void Apply(AddonGrainsSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var previous = _running;
        _running = new Snapshot(settings, settings.Hash);
        _status = _status with { RunningHash = settings.Hash, SourceHash = settings.Hash, Errors = [] };
        Applied?.Invoke(previous, _running);
    }

    /// <summary>
    /// Applies <paramref name="settings"/> when its content hash or any secret it resolved differs from the running
    /// configuration (a rotated secret file counts), and clears reload errors either way. True when it applied.
    /// </summary>
    public bool ApplyIfChanged(AddonGrainsSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Hash == Hash && SecretValues(settings).SequenceEqual(SecretValues(Current), StringComparer.Ordinal))
        {
            _status = _status with { SourceHash = settings.Hash, Errors = [] };
            return false;
        }

        Apply(settings);
        return true;
    }

    /// <summary>
    /// Records that the source (the file with hash <paramref name="sourceHash"/>, completed from app-interface when
    /// <paramref name="fromAppInterface"/>) could not be applied; the running configuration stays.
    /// </summary>
    public void Reject(string sourceHash, IReadOnlyList<string> errors, bool fromAppInterface = false) =>
        _status = _status with { SourceHash = sourceHash, Errors = [.. errors], FromAppInterface = fromAppInterface };

    /// <summary>Records what the cluster's registry said about this silo's configuration (null: it applied it).</summary>
    public void SetClusterNote(string? note) => _status = _status with { ClusterNote = note };

    private static IEnumerable<string> SecretValues(AddonGrainsSettings settings) =>
        settings.Ocm.Select(o => o.AccessTokenClientSecret.Value)
            .Concat(settings.Jenkins.Select(j => (j.Token ?? j.Password)?.Value ?? ""))
            .Concat(settings.Notifications.Select(n => (n.SlackWebhookUrl ?? n.WebhookSecret)?.Value ?? ""));

    /// <summary>One configuration with its content hash.</summary>
    public sealed record Snapshot(AddonGrainsSettings Settings, string Hash);
}

/// <summary>The running configuration against its source: <see cref="IsCurrent"/> when they are the same and applied.</summary>
public sealed record ConfigurationStatus(string RunningHash, string SourceHash, ImmutableArray<string> Errors, string? ClusterNote)
{
    public static ConfigurationStatus UpToDate(string hash) => new(hash, hash, [], null);

    /// <summary>True when the rejected source was the file completed from app-interface (an outage or an invalid bundle).</summary>
    public bool FromAppInterface { get; init; }

    public bool IsCurrent => Errors.IsEmpty && ClusterNote is null && RunningHash == SourceHash;

    /// <summary>One paragraph for <c>validate</c>, the status page and the log; null when current.</summary>
    public string? Describe()
    {
        if (IsCurrent)
        {
            return null;
        }

        var parts = new List<string>();
        if (!Errors.IsEmpty)
        {
            parts.Add(FromAppInterface
                ? $"the running configuration ({RunningHash}) is not app-interface's (file {SourceHash}): app-interface or Vault could not be read, or what they serve is invalid, so nothing was applied: {string.Join("; ", Errors)}"
                : $"the running configuration ({RunningHash}) is not the file's ({SourceHash}): the file is invalid and was not applied: {string.Join("; ", Errors)}");
        }

        if (ClusterNote is not null)
        {
            parts.Add(ClusterNote);
        }

        return string.Join(" ", parts);
    }
}
