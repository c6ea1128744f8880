using AddonGrains.IntegrationTests.Processes;
using AddonGrains.Simulators.Jenkins;
using AddonGrains.Simulators.Ocm;
using AddonGrains.Simulators.World;

namespace AddonGrains.IntegrationTests.Abuse;

/// <summary>
/// A silo process on an empty PostgreSQL database against both simulators (in the test process, over HTTP), for one
/// organization whose two clusters run <see cref="Addon"/> <see cref="From"/>. <see cref="ConvergeAsync"/> waits for
/// the baseline, moves the fleet to <see cref="To"/> and waits until every job's trigger has ended.
/// </summary>
internal sealed class ConvergenceRun : IAsyncDisposable
{
    public const string Org = "abuse-org";
    public const string OrgId = "abuse-org-1";
    public const string Addon = "acm";
    public const string From = "1.0.0";
    public const string To = "1.1.0";
    public static readonly string[] Clusters = ["abuse-c1", "abuse-c2"];

    private readonly ProcessWorld _world;

    private ConvergenceRun(ProcessWorld world, SiloProcess silo, IReadOnlyList<string> jobs)
    {
        _world = world;
        Silo = silo;
        Jobs = jobs;
    }

    public OcmSimulator Ocm => _world.World.Ocm;

    public JenkinsSimulator Jenkins => _world.World.Jenkins;

    public SiloProcess Silo { get; }

    public IReadOnlyList<string> Jobs { get; }

    /// <summary>
    /// Starts everything. <paramref name="secretsInFiles"/> false passes both secrets as env vars, true as files. Extra
    /// <paramref name="environment"/> goes to the silo.
    /// </summary>
    public static async Task<ConvergenceRun> StartAsync(
        PostgresFixture postgres, IReadOnlyList<string> jobs, RunSecrets secrets, bool secretsInFiles,
        IDictionary<string, string>? environment = null)
    {
        var ct = TestContext.Current.CancellationToken;
        var builder = SimulatedWorld.Build()
            .OcmCredentials(secrets.OcmClientId, secrets.OcmClientSecret)
            .JenkinsCredentials(secrets.JenkinsUser, secrets.JenkinsToken)
            .SecretEnvironmentPrefix("ABUSE_RUN")
            .Polling("1s", "1s")
            .Organization(Org, OrgId, org =>
            {
                org.Clusters(Addon, From, Clusters);
                foreach (var job in jobs)
                {
                    org.Test(Addon, job, new Dictionary<string, string> { ["ENV"] = "abuse" });
                }
            });
        foreach (var job in jobs)
        {
            builder.Job(new JenkinsSimJob(job)
            {
                Parameters = new Dictionary<string, string> { ["ADDON_VERSION"] = "", ["TRIGGER_ID"] = "", ["ENV"] = "none" },
                BuildDuration = TimeSpan.FromMilliseconds(300),
            });
        }

        var world = await ProcessWorld.StartAsync(builder, secretsInFiles, ct);
        var silo = world.StartSilo(await postgres.CreateDatabaseAsync(ct), "abuse-silo", environment);
        var run = new ConvergenceRun(world, silo, jobs);
        try
        {
            await silo.WaitUntilReadyAsync(TimeSpan.FromSeconds(90), ct);
        }
        catch
        {
            await run.DisposeAsync();
            throw;
        }

        return run;
    }

    /// <summary>Baseline at <see cref="From"/>, then the fleet moves to <see cref="To"/>; returns when every trigger has ended.</summary>
    public async Task ConvergeAsync()
    {
        var ct = TestContext.Current.CancellationToken;
        await Silo.WaitForLineAsync($"recorded version {From}", TimeSpan.FromSeconds(60), ct);
        _world.World.SetVersion(Addon, To, Clusters);
        await Wait.UntilAsync(
            () => Silo.HasExited || Silo.Output.Count(l => l.Contains("ended ", StringComparison.Ordinal) && l.Contains("Trigger ", StringComparison.Ordinal)) >= Jobs.Count,
            TimeSpan.FromSeconds(90), $"{Jobs.Count} trigger(s) to end", cancellationToken: ct);
        Assert.False(Silo.HasExited, Silo.Tail());
    }

    public async ValueTask DisposeAsync()
    {
        await Silo.DisposeAsync();
        await _world.DisposeAsync();
    }
}
