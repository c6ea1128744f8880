using Orleans.Dashboard;

namespace AddonGrains.Silo.Hosting;

/// <summary>
/// The Orleans Dashboard under <see cref="Path"/>, only when <c>AddonGrains__Dashboard__Enabled=true</c>. It has no
/// authentication of its own: it shares the silo's HTTP listener, which is loopback unless <c>--urls</c> says otherwise.
/// </summary>
internal static class DashboardHosting
{
    public const string Path = "/dashboard";

    private const string EnabledKey = "AddonGrains:Dashboard:Enabled";

    public static WebApplicationBuilder AddAddonDashboard(this WebApplicationBuilder builder)
    {
        if (IsEnabled(builder.Configuration))
        {
            // UseOrleans again configures the same silo builder as AddAddonSilo.
            builder.UseOrleans(silo => silo.AddDashboard());
        }

        return builder;
    }

    public static WebApplication MapAddonDashboard(this WebApplication app)
    {
        if (IsEnabled(app.Configuration))
        {
            app.MapOrleansDashboard(routePrefix: Path);
        }

        return app;
    }

    private static bool IsEnabled(IConfiguration configuration) => configuration.GetValue(EnabledKey, defaultValue: false);
}
