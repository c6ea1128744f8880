using AddonGrains.Upstream.Ocm;
using Microsoft.Extensions.DependencyInjection;

namespace AddonGrains.Upstream.Tests.Ocm;

/// <summary>A client built through <c>AddOcmClients</c>, optionally with a stub primary handler.</summary>
internal sealed class OcmClientHarness : IAsyncDisposable
{
    public const string Name = "test";
    public const string Secret = "s3cr3t-value";

    private readonly ServiceProvider _services;

    public OcmClientHarness(OcmConnection connection, HttpMessageHandler? primary = null, Action<OcmClientOptions>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddOcmClients([connection], options =>
        {
            options.AttemptTimeout = TimeSpan.FromSeconds(2);
            options.TotalTimeout = TimeSpan.FromSeconds(8);
            options.RetryCount = 2;
            options.RetryBaseDelay = TimeSpan.FromMilliseconds(20);
            configure?.Invoke(options);
        });
        if (primary is not null)
        {
            // Both OCM clients name their own primary handler (no redirects); the stub replaces it.
            services.AddHttpClient(OcmHttpClientNames.Token(connection.Name)).ConfigurePrimaryHttpMessageHandler(() => primary);
            services.AddHttpClient(OcmHttpClientNames.Api(connection.Name)).ConfigurePrimaryHttpMessageHandler(() => primary);
        }
        _services = services.BuildServiceProvider();
        Client = _services.GetRequiredService<IOcmClientFactory>().Create(connection.Name);
    }

    public IOcmClient Client { get; }

    public static OcmConnection StubConnection() =>
        new(Name, new Uri("https://ocm.test/"), new Uri("https://sso.test/token"), "svc-client", Secret);

    public static OcmClientHarness ForStub(Func<HttpRequestMessage, int, HttpResponseMessage> api, out StubHttpHandler handler, Action<OcmClientOptions>? configure = null)
    {
        handler = new StubHttpHandler((request, n) => request.RequestUri!.Host == "sso.test"
            ? StubHttpHandler.Json(TestJwt.TokenResponse(TestJwt.Create(DateTimeOffset.UtcNow.AddMinutes(15), $"t{n}")))
            : api(request, n));
        return new OcmClientHarness(StubConnection(), handler, configure);
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
