using AddonGrains.Silo.StatusPage;

namespace AddonGrains.Silo.Hosting;

/// <summary>What SREs see over HTTP: probes, <c>/metrics</c>, the optional dashboard, the status page and the verdicts.</summary>
internal static class OperationsHosting
{
    public static WebApplicationBuilder AddAddonOperations(this WebApplicationBuilder builder)
    {
        builder.AddAddonPrometheus();
        builder.AddAddonDashboard();
        builder.Services.AddSingleton<RolloutBoard>();
        return builder;
    }

    public static WebApplication MapAddonOperations(this WebApplication app)
    {
        app.MapHealthEndpoints();
        app.MapAddonPrometheus();
        app.MapAddonDashboard();
        app.MapStatusPage();
        app.MapVerdicts();
        return app;
    }
}
