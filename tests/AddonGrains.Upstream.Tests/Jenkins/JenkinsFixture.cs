using AddonGrains.Simulators.Jenkins;
using AddonGrains.Upstream.Jenkins;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace AddonGrains.Upstream.Tests.Jenkins;

/// <summary>A simulator on a fake clock plus clients for a token user and a password user. One per test.</summary>
internal sealed class JenkinsFixture : IAsyncDisposable
{
    public const string TokenUser = "svc-bot";
    public const string Token = "11aabbccddeeff00112233445566778899";
    public const string PasswordUser = "alice";
    public const string Password = "s3cret-pw";

    private ServiceProvider? _services;

    private JenkinsFixture(JenkinsSimulator simulator, FakeTimeProvider time)
    {
        Simulator = simulator;
        Time = time;
    }

    public JenkinsSimulator Simulator { get; }

    public FakeTimeProvider Time { get; }

    public static async Task<JenkinsFixture> StartAsync(Func<FakeTimeProvider, JenkinsSimulatorOptions>? options = null)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero));
        var simulator = await JenkinsSimulator.StartAsync(options?.Invoke(time) ?? new JenkinsSimulatorOptions { TimeProvider = time },
            TestContext.Current.CancellationToken);
        simulator.AddUser(TokenUser, apiToken: Token);
        simulator.AddUser(PasswordUser, password: Password);
        return new JenkinsFixture(simulator, time);
    }

    /// <summary>Clients "token" and "password" (and any extra connections), with short test timeouts.</summary>
    public IJenkinsClientFactory Clients(Action<IServiceCollection>? extra = null, params JenkinsConnection[] more)
    {
        var services = new ServiceCollection().AddLogging();
        services.AddJenkinsClients(
            [
                new JenkinsConnection("token", Simulator.BaseUrl, TokenUser, Token, null),
                new JenkinsConnection("password", Simulator.BaseUrl, PasswordUser, null, Password),
                .. more,
            ],
            o =>
            {
                o.AttemptTimeout = TimeSpan.FromSeconds(4);
                o.TotalTimeout = TimeSpan.FromSeconds(12);
                o.MaxRetryAttempts = 2;
                o.RetryDelay = TimeSpan.FromMilliseconds(10);
            });
        extra?.Invoke(services);
        _services = services.BuildServiceProvider();
        return _services.GetRequiredService<IJenkinsClientFactory>();
    }

    public IJenkinsClient TokenClient() => Clients().Create("token");

    public async ValueTask DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }

        await Simulator.DisposeAsync();
    }
}
