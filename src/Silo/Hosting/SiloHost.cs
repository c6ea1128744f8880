namespace AddonGrains.Silo.Hosting;

/// <summary>
/// Builds and runs the silo's host from a validated configuration: the silo's own entry point and the demo's
/// (<c>src/Demo</c>), which starts its simulators first and adds its scripted story as services.
/// </summary>
public static class SiloHost
{
    /// <summary>
    /// Runs the silo until it is stopped; returns a <see cref="SiloExitCodes"/> value (after one line on stderr when a
    /// setting cannot be used or PostgreSQL cannot be reached). <paramref name="reader"/> reloads the configuration
    /// file while the silo runs (null: no reload).
    /// </summary>
    public static async Task<int> RunAsync(string[] hostArguments, AddonGrainsSettings settings, ConfigurationReader? reader,
        Action<IServiceCollection>? addServices = null)
    {
        var builder = WebApplication.CreateBuilder(hostArguments);
        builder.WebHost.UseUrls(builder.Configuration["urls"] ?? SiloDefaults.Urls);
        if (SiloStartup.ResolveAddresses(builder.Configuration) is not { } addresses)
        {
            return SiloExitCodes.InvalidConfiguration;
        }

        if (MembershipTiming.Validate(builder.Configuration) is { Count: > 0 } membershipErrors)
        {
            membershipErrors.ToList().ForEach(e => Console.Error.WriteLine($"error: {e}"));
            return SiloExitCodes.InvalidConfiguration;
        }

        builder.AddAddonTelemetry();
        if (!builder.AddAddonTls())
        {
            return SiloExitCodes.InvalidConfiguration;
        }

        builder.AddAddonSilo(settings, addresses);
        builder.AddConfigReload(reader);
        builder.AddAddonOperations();
        addServices?.Invoke(builder.Services);

        var app = builder.Build();
        app.MapAddonOperations();
        if (!await OrleansHosting.PrepareStorageAsync(app.Services, CancellationToken.None))
        {
            return SiloExitCodes.DatabaseUnreachable;
        }

        OrleansHosting.ReportSilo(app.Services);
        await app.RunAsync();
        return SiloExitCodes.Success;
    }
}
