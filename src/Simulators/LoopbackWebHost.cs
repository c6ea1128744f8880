using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AddonGrains.Simulators;

/// <summary>
/// The HTTP server every simulator runs on: Kestrel on 127.0.0.1 only, built with the empty builder (no appsettings,
/// no <c>ASPNETCORE_*</c> settings, no logging), one request handler, a short shutdown.
/// </summary>
internal static class LoopbackWebHost
{
    /// <summary>A web application that will listen on 127.0.0.1:<paramref name="port"/> (0: a free port).</summary>
    public static WebApplication Build(int port = 0)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port));
        builder.Services.Configure<HostOptions>(h => h.ShutdownTimeout = TimeSpan.FromSeconds(2));
        return builder.Build();
    }

    /// <summary>Sends every request to <paramref name="handler"/>, starts listening and returns the base URL (with a trailing slash).</summary>
    public static async Task<Uri> StartAsync(WebApplication app, RequestDelegate handler, CancellationToken cancellationToken)
    {
        app.Run(handler);
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new Uri(address.TrimEnd('/') + "/");
    }
}
