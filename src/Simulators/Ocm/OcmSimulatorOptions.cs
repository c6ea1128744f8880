namespace AddonGrains.Simulators.Ocm;

/// <summary>How to start an <see cref="OcmSimulator"/>.</summary>
public sealed class OcmSimulatorOptions
{
    /// <summary>The client id accepted by default.</summary>
    public const string DefaultClientId = "sim-client";

    /// <summary>The secret of <see cref="DefaultClientId"/>.</summary>
    public const string DefaultClientSecret = "sim-secret";

    /// <summary>Loopback port to bind; 0 (default) picks a free one.</summary>
    public int Port { get; init; }

    /// <summary>Address to bind (default 127.0.0.1; the simulators' container binds all of its addresses).</summary>
    public System.Net.IPAddress ListenAddress { get; init; } = System.Net.IPAddress.Loopback;

    /// <summary>The root URL clients reach the simulator by when it is not the bound address (a container's name); null: the bound address.</summary>
    public Uri? PublicUrl { get; init; }

    /// <summary>Lifetime of issued access tokens (OCM: 15 minutes).</summary>
    public TimeSpan TokenLifetime { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>Accepted service accounts (client id → secret).</summary>
    public IReadOnlyDictionary<string, string> Clients { get; init; } =
        new Dictionary<string, string> { [DefaultClientId] = DefaultClientSecret };

    /// <summary>Seed of the random order used when a list request has no <c>order</c>.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>
    /// The most items a list page holds, whatever <c>size</c> asked for (null: no cap). OCM's own cap is not
    /// documented; with a cap a client that stops paging on a short page misses items (its response <c>size</c> is the
    /// number of items on the page, <c>total</c> still counts all matches).
    /// </summary>
    public int? MaxPageSize { get; init; }

    /// <summary>Clock for token expiry and timestamps.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
