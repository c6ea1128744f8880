using System.Collections.Immutable;
using Orleans.Concurrency;

namespace AddonGrains.GrainInterfaces;

/// <summary>
/// The cluster-wide request budget of one OCM environment (key: the environment's name): hands each silo a lease on
/// part of <c>maxConcurrency</c> (and of <c>maxRequestsPerSecond</c>) following each silo's demand, takes the share
/// of a silo that stopped renewing (or died) back, and passes a 429's <c>Retry-After</c> pause on to every silo.
/// Kept in memory only: a new activation learns the leases from the silos' renewals (docs/decisions.md).
/// </summary>
public interface IOcmBudgetGrain : IGrainWithStringKey
{
    /// <summary>Renews the calling silo's lease: it reports what it holds and wants, and gets its share until the lease ends.</summary>
    Task<OcmBudgetGrant> RenewAsync(OcmBudgetRenewal renewal);

    /// <summary>A 429 with <c>Retry-After</c> was answered to <paramref name="silo"/>: pause the environment on every silo.</summary>
    Task ReportPauseAsync(SiloAddress silo, TimeSpan retryAfter);

    /// <summary>The silo stops (or no longer uses the environment): its share is free at once.</summary>
    Task ReleaseAsync(SiloAddress silo);

    /// <summary>The leases now (for status and tests).</summary>
    Task<ImmutableArray<OcmBudgetLease>> GetLeasesAsync();
}

/// <summary>A silo's lease renewal: the configured budget, and its slots now (granted, in flight, wanted).</summary>
[GenerateSerializer, Immutable, Alias("ocm-budget-renewal")]
public sealed record OcmBudgetRenewal(
    [property: Id(0)] SiloAddress Silo,
    [property: Id(1)] int MaxConcurrency,
    [property: Id(2)] double? MaxRequestsPerSecond,
    [property: Id(3)] int Applied,
    [property: Id(4)] int InFlight,
    [property: Id(5)] int Demand,
    [property: Id(6)] IOcmBudgetObserver? Observer);

/// <summary>A silo's share until <see cref="Lease"/> has passed (from when it asked), and the pause left, if any.</summary>
[GenerateSerializer, Immutable, Alias("ocm-budget-grant")]
public sealed record OcmBudgetGrant(
    [property: Id(0)] int Slots,
    [property: Id(1)] double? RequestsPerSecond,
    [property: Id(2)] TimeSpan Lease,
    [property: Id(3)] TimeSpan PauseLeft);

/// <summary>One silo's lease as the budget grain sees it.</summary>
[GenerateSerializer, Immutable, Alias("ocm-budget-lease")]
public sealed record OcmBudgetLease(
    [property: Id(0)] SiloAddress Silo,
    [property: Id(1)] int Granted,
    [property: Id(2)] int Held,
    [property: Id(3)] int Demand,
    [property: Id(4)] bool Expired);

/// <summary>The silo side of the cluster budget, called one-way by <see cref="IOcmBudgetGrain"/>.</summary>
public interface IOcmBudgetObserver : IGrainObserver
{
    /// <summary>Another silo got a 429: send nothing to <paramref name="ocmName"/> for <paramref name="retryAfter"/>.</summary>
    [OneWay]
    Task PauseAsync(string ocmName, TimeSpan retryAfter);

    /// <summary>The shares should move (someone waits for slots, or slots came free): renew the lease now.</summary>
    [OneWay]
    Task RenewNowAsync(string ocmName);
}
