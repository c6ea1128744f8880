using AddonGrains.Grains.Budget;
using AddonGrains.Grains.Hosting;
using AddonGrains.Simulators.Jenkins;
using AddonGrains.Simulators.Ocm;
using AddonGrains.Simulators.World;
using AddonGrains.Tests.Support;
using AddonGrains.Upstream.Ocm;
using AddonGrains.Upstream.Ocm.Budget;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;

namespace AddonGrains.Tests.Budget;

/// <summary>
/// Several in-process silos with the production OCM client, budget agent and budget grain, against the OCM simulator
/// over loopback HTTP, with one OCM environment of budget <c>maxConcurrency</c>. Pauses and leases run on a fake
/// clock the test advances; the lease renewals themselves run on real time.
/// </summary>
internal sealed class BudgetCluster : IAsyncDisposable
{
    public const int ClusterCount = 40;

    private BudgetCluster(SimulatedWorld world, InProcessTestCluster cluster, FakeTimeProvider clock, BudgetCutOff cutOff)
    {
        World = world;
        Cluster = cluster;
        Clock = clock;
        CutOff = cutOff;
        // Every silo uses the environment from the start, as silos running checks do, so every silo renews a lease.
        // A budget grain grants nobody more than it holds until every live silo has renewed or one lease has passed,
        // and the lease clock here only moves when a test moves it: a silo without the budget would hold every share
        // at zero.
        Budgets = [.. cluster.Silos.Select(Budget)];
    }

    public SimulatedWorld World { get; }

    public OcmSimulator Ocm => World.Ocm;

    public InProcessTestCluster Cluster { get; }

    /// <summary>The clock of the budgets (pauses) and of the budget grain (leases).</summary>
    public FakeTimeProvider Clock { get; }

    /// <summary>Silos whose calls to the budget grain fail, as if its silo could not be reached.</summary>
    public BudgetCutOff CutOff { get; }

    /// <summary>The OCM environment's budget on each silo, in the order of <see cref="Silos"/> at the start.</summary>
    public IReadOnlyList<OcmRequestBudget> Budgets { get; }

    public static TimeSpan LeaseDuration { get; } = TimeSpan.FromSeconds(10);

    public static async Task<BudgetCluster> StartAsync(int silos, int maxConcurrency)
    {
        var world = await SimulatedWorld.Build()
            .OcmBudget(maxConcurrency)
            .Job(new JenkinsSimJob("budget"))
            .Organization("budget", "org-budget", o => o.Test("acm", "budget"))
            .StartAsync();
        world.Fleet("org-budget", "acm", "2.0.0", Enumerable.Range(0, ClusterCount).Select(Id));
        var settings = world.Settings();
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 5, 12, 0, 0, TimeSpan.Zero));
        var cutOff = new BudgetCutOff();
        var builder = new InProcessTestClusterBuilder((short)silos);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.Services.AddSingleton(cutOff);
            silo.AddOutgoingGrainCallFilter<BudgetCutOff.Filter>();
            silo.Services.AddKeyedSingleton<TimeProvider>(AddonGrains.Grains.Clock.Key, clock);
            silo.Services.AddSingleton(new OcmBudgets(clock));
            silo.AddTestAddonGrains(settings, new StorageCounter());
            // No retries: a 429 fails its listing at once instead of waiting out Retry-After in the retry pipeline.
            silo.Services.AddUpstreamClients(o => { o.RetryCount = 0; o.AttemptTimeout = TimeSpan.FromMinutes(2); o.TotalTimeout = TimeSpan.FromMinutes(3); });
            silo.Services.Configure<OcmBudgetOptions>(o =>
            {
                o.LeaseDuration = LeaseDuration;
                o.RenewInterval = TimeSpan.FromMilliseconds(200);
                o.MinRenewInterval = TimeSpan.FromMilliseconds(10);
            });
        });
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return new BudgetCluster(world, cluster, clock, cutOff);
    }

    public static string Id(int i) => $"c{i:D2}";

    public IReadOnlyList<InProcessSiloHandle> Silos => Cluster.Silos;

    /// <summary>The OCM environment's budget on <paramref name="silo"/> (created by its first client).</summary>
    public static OcmRequestBudget Budget(InProcessSiloHandle silo)
    {
        _ = Client(silo);
        return silo.ServiceProvider.GetRequiredService<OcmBudgets>().All.Single();
    }

    public static IOcmClient Client(InProcessSiloHandle silo) => silo.ServiceProvider.GetRequiredService<IOcmClientFactory>().Create("sim");

    /// <summary>Starts <paramref name="count"/> add-on listings on <paramref name="silo"/> at once.</summary>
    public static Task<IReadOnlyList<OcmAddonInstallation>>[] List(InProcessSiloHandle silo, int count, CancellationToken cancellationToken)
    {
        var client = Client(silo);
        return [.. Enumerable.Range(0, count).Select(i => client.ListAddonInstallationsAsync(Id(i % ClusterCount), cancellationToken))];
    }

    public string Shares() => string.Join(", ", Silos.Select(s =>
    {
        var b = Budget(s);
        return $"{s.SiloAddress}: share {b.Share}, in flight {b.InFlight}, waiting {b.Waiting}, paused {b.PausedUntil is not null}";
    })) + $"; simulator in flight {Ocm.InFlightRequests}, requests {Ocm.RequestCount(OcmRoutes.Addons)}; the budget grain's leases: {Leases()}";

    // Only described when a wait times out; off the test's thread, and bounded, so a stuck grain still gives a message.
    // Names the silos the grain is active on too: two activations at once would each see only part of the cluster.
    private string Leases()
    {
        var grain = Cluster.Client.GetGrain<IOcmBudgetGrain>("sim");
        var activeOn = Silos.Where(s => s.ServiceProvider.GetRequiredService<ILocalActivationStatusChecker>().IsLocallyActivated(grain.GetGrainId()));
        var leases = Task.Run(grain.GetLeasesAsync);
        return (leases.Wait(TimeSpan.FromSeconds(10))
            ? string.Join(", ", leases.Result.Select(l => $"{l.Silo}: granted {l.Granted}, held {l.Held}, demand {l.Demand}, expired {l.Expired}"))
            : "no answer within 10 s") + $" (active on {string.Join(", ", activeOn.Select(s => s.SiloAddress))})";
    }

    public async ValueTask DisposeAsync()
    {
        await Cluster.DisposeAsync();
        await World.DisposeAsync();
    }
}
