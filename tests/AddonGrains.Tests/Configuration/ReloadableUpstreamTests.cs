using AddonGrains.Configuration;
using AddonGrains.Grains.Hosting;
using AddonGrains.Simulators.Jenkins;
using AddonGrains.Upstream.Jenkins;
using Microsoft.Extensions.DependencyInjection;

namespace AddonGrains.Tests.Configuration;

/// <summary>Upstream clients follow the running configuration (a rotated secret gets a new client).</summary>
public sealed class ReloadableUpstreamTests : IAsyncLifetime
{
    private const string OldToken = "11old0token000000000000000000000000";
    private const string NewToken = "11new0token000000000000000000000000";
    private JenkinsSimulator _jenkins = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _jenkins = await JenkinsSimulator.StartAsync(cancellationToken: Ct);
        _jenkins.AddUser("bot", apiToken: OldToken);
        _jenkins.AddJob(new JenkinsSimJob("job"));
    }

    public async ValueTask DisposeAsync() => await _jenkins.DisposeAsync();

    private AddonGrainsSettings Load(string token) => new SettingsLoader(n => n == "JENKINS_TOKEN" ? token : "o").Load($$"""
        ocm:
          - { name: sim, url: "http://127.0.0.1:9", accessTokenUrl: "http://127.0.0.1:9/token", accessTokenClientId: c, accessTokenClientSecret: { env: OCM_SECRET } }
        jenkins:
          - { name: ci, serverUrl: "{{_jenkins.BaseUrl.ToString().TrimEnd('/')}}", user: bot, token: { env: JENKINS_TOKEN } }
        organizations:
          - { name: fleet, ocm: sim, orgId: org-1, addonUpgradeTests: [ { addon: acm, instance: ci, name: job } ] }
        """);

    [Fact]
    public async Task RotatedToken_AfterReload_NewClientUsesIt_HostHttpDefaultsStillApply()
    {
        var requests = 0;
        var source = new SettingsSource(Load(OldToken));
        var services = new ServiceCollection().AddLogging().AddSingleton(source);
        services.ConfigureHttpClientDefaults(c => c.AddHttpMessageHandler(() => new CountingHandler(() => Interlocked.Increment(ref requests))));
        services.AddUpstreamClients(jenkins: o => o.RetryDelay = TimeSpan.FromMilliseconds(10));
        await using var provider = services.BuildServiceProvider();
        var factory = provider.GetRequiredService<IJenkinsClientFactory>();

        Assert.Equal("job", (await factory.Create("ci").GetJobAsync("job", Ct)).Path);
        Assert.True(requests > 0, "the host's HttpClient defaults were not applied to the upstream clients");

        _jenkins.AddUser("bot", apiToken: NewToken); // rotated in Jenkins: the old token is refused
        await Assert.ThrowsAsync<JenkinsException>(() => factory.Create("ci").GetJobAsync("job", Ct));

        Assert.False(source.ApplyIfChanged(Load(OldToken)));
        Assert.True(source.ApplyIfChanged(Load(NewToken))); // the reload re-read the secret
        Assert.Equal("job", (await factory.Create("ci").GetJobAsync("job", Ct)).Path);
    }

    private sealed class CountingHandler(Action count) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            count();
            return base.SendAsync(request, cancellationToken);
        }
    }
}
