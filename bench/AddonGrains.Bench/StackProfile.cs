using System.Net.Http.Headers;
using AddonGrains.Upstream.Ocm;

namespace AddonGrains.Bench;

/// <summary>
/// <c>--profile</c>: where the CPU of one OCM add-on listing goes, layer by layer, at the configured concurrency:
/// a bare HttpClient, the named client the OCM client uses (resilience pipeline + bearer token), and the full
/// <see cref="IOcmClient"/> (Refit, JSON, mapping), and finally the same listings through the grains.
/// </summary>
internal static class StackProfile
{
    // The IHttpClientFactory name OcmServiceCollectionExtensions registers for the connection (internal there).
    private const string ApiClientName = "AddonGrains.Ocm.Api." + BenchEnvironment.OcmName;

    public static async Task RunAsync(BenchEnvironment env, int requests)
    {
        var ids = Enumerable.Range(0, Math.Min(requests, env.Options.Clusters)).Select(c => BenchEnvironment.ClusterId(0, c)).ToArray();
        // The silo's clients live in the container of the running configuration (ReloadableUpstream); the same
        // registration, built here, exposes the named client the OCM client uses.
        await using var clients = OcmClientsOf(env);
        var factory = clients.GetRequiredService<IHttpClientFactory>();
        var ocm = clients.GetRequiredService<IOcmClientFactory>().Create(BenchEnvironment.OcmName);
        var token = await TokenAsync(factory);
        using var bare = new HttpClient { BaseAddress = env.Ocm.BaseUrl };
        for (var round = 0; round < 2; round++)
        {
            await MeasureAsync(env, "bare HttpClient", ids, async id =>
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, $"api/clusters_mgmt/v1/clusters/{id}/addons?page=1&size=100&order=id%20asc");
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                using var response = await bare.SendAsync(request);
                await response.Content.ReadAsStringAsync();
            });
            await MeasureAsync(env, "named client (resilience + bearer)", ids, async id =>
            {
                using var response = await factory.CreateClient(ApiClientName).GetAsync(new Uri($"api/clusters_mgmt/v1/clusters/{id}/addons?page=1&size=100&order=id%20asc", UriKind.Relative));
                await response.Content.ReadAsStringAsync();
            });
            await MeasureAsync(env, "IOcmClient (Refit + JSON + mapping)", ids, id => ocm.ListAddonInstallationsAsync(id));
            await MeasureAsync(env, "IOcmClient add-on service listing", ids, id => ocm.ListAddonServiceInstallationsAsync(id));
            await MeasureAsync(env, "IOcmClient add-on status read", ids, id => ocm.GetAddonStatusAsync(id, BenchEnvironment.Addon));
            await MeasureAsync(env, "IOcmClient cluster listing, all pages", ["org"], _ => ocm.ListClustersAsync(BenchEnvironment.OrgId(0), []));
            await MeasureAsync(env, "Orleans call alone (GetLatestAsync)", ids,
                id => env.Grains.GetGrain<IClusterGrain>(AddonGrains.Grains.Fleet.ClusterKey.For(BenchEnvironment.OrganizationName(0), BenchEnvironment.OcmName, id)).GetLatestAsync());
            await MeasureAsync(env, "cluster grains (Orleans call + client)", ids,
                id => env.Grains.GetGrain<IClusterGrain>(AddonGrains.Grains.Fleet.ClusterKey.For(BenchEnvironment.OrganizationName(0), BenchEnvironment.OcmName, id)).ObserveAsync(id, "ready", new AddonRead(AddonsApi.AddonsMgmt, [BenchEnvironment.Addon])));
            var organization = env.Grains.GetGrain<IOrganizationGrain>(BenchEnvironment.OrganizationName(0));
            using var sampler = new AllocationSampler();
            sampler.Start();
            var probe = new CheckProbe();
            await organization.ObserveAsync(TimeSpan.Zero);
            probe.Stop();
            foreach (var (type, mb) in sampler.Stop(top: 25))
            {
                Console.Error.WriteLine($"[profile]   allocated {mb,7:F1} MB  {type}");
            }
            Console.Error.WriteLine($"[profile] organization grain, all {env.Options.Clusters} clusters + pages: {probe.WallSeconds:F2}s wall, "
                + $"{probe.CpuSeconds * 1000 / (env.Options.Clusters + 1):F2} ms CPU per request, {probe.AllocatedMb * 1024 / (env.Options.Clusters + 1):F1} KB allocated per request");
        }
    }

    private static ServiceProvider OcmClientsOf(BenchEnvironment env)
    {
        var (connections, _) = ReloadableUpstream.Connections(env.Settings);
        var services = new ServiceCollection();
        services.AddLogging();
        services.ConfigureHttpClientDefaults(c => c.AddHttpMessageHandler(env.Http.CreateHandler));
        services.AddOcmClients(connections);
        return services.BuildServiceProvider();
    }

    private static async Task<string> TokenAsync(IHttpClientFactory factory)
    {
        // The bearer handler adds the cached token; read it back from one request through the named client.
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("api/clusters_mgmt/v1/addons", UriKind.Relative));
        using var response = await factory.CreateClient(ApiClientName).SendAsync(request);
        return request.Headers.Authorization?.Parameter ?? throw new InvalidOperationException("no bearer token was added");
    }

    private static async Task MeasureAsync(BenchEnvironment env, string layer, string[] ids, Func<string, Task> call)
    {
        using var gate = new SemaphoreSlim(env.Options.Concurrency);
        using var sampler = new AllocationSampler();
        sampler.Start();
        var probe = new CheckProbe();
        await Task.WhenAll(ids.Select(async id =>
        {
            await gate.WaitAsync();
            try
            {
                await call(id);
            }
            finally
            {
                gate.Release();
            }
        }));
        probe.Stop();
        foreach (var (type, mb) in sampler.Stop(top: 15))
        {
            Console.Error.WriteLine($"[profile]   allocated {mb * 1024 / ids.Length,7:F2} KB per request  {type}");
        }
        Console.Error.WriteLine($"[profile] {layer,-40} {ids.Length} requests: {probe.WallSeconds:F2}s wall, "
            + $"{probe.CpuSeconds * 1000 / ids.Length:F2} ms CPU per request, {probe.AllocatedMb * 1024 / ids.Length:F1} KB allocated per request");
    }
}
