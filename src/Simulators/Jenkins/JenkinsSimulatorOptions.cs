namespace AddonGrains.Simulators.Jenkins;

/// <summary>How a <see cref="JenkinsSimulator"/> behaves. Defaults follow real Jenkins (docs/upstream-apis.md, "Jenkins").</summary>
public sealed class JenkinsSimulatorOptions
{
    /// <summary>Loopback port; 0 picks a free one.</summary>
    public int Port { get; init; }

    /// <summary>Address to bind (default 127.0.0.1; the simulators' container binds all of its addresses).</summary>
    public System.Net.IPAddress ListenAddress { get; init; } = System.Net.IPAddress.Loopback;

    /// <summary>The root URL clients reach the simulator by (job, queue and build URLs) when it is not the bound address; null: the bound address.</summary>
    public Uri? PublicUrl { get; init; }

    /// <summary>Clock for quiet periods, build durations and retention. Use a FakeTimeProvider to drive it in tests.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Quiet period of jobs that set none (Jenkins default 5 s).</summary>
    public TimeSpan QuietPeriod { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a LeftItem stays visible after it left the queue (Jenkins: 5 min), then 404.</summary>
    public TimeSpan LeftItemRetention { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How long before <c>building</c> turns false the <c>result</c> is already set (0 = at the same time).</summary>
    public TimeSpan ResultLead { get; init; }

    /// <summary>Post-production: <c>building</c> is false but <c>inProgress</c> still true for this long.</summary>
    public TimeSpan PostProduction { get; init; }

    /// <summary>
    /// Serve builds without the <c>inProgress</c> field, as older Jenkins does (before 2.369): a client must then
    /// decide "finished" from <c>building</c> alone.
    /// </summary>
    public bool OmitInProgress { get; init; }

    /// <summary>CSRF protection on: crumb issuer exists, password POSTs need a crumb bound to the session.</summary>
    public bool CsrfEnabled { get; init; } = true;

    /// <summary>Header (and form field) name of the crumb.</summary>
    public string CrumbRequestField { get; init; } = "Jenkins-Crumb";

    /// <summary>Value of the <c>X-Jenkins</c> header.</summary>
    public string Version { get; init; } = "2.516.1";

    /// <summary>Seed of the Random used by probabilistic faults.</summary>
    public int RandomSeed { get; init; } = 1234;
}
