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
/// The HTTP server every simulator runs on: Kestrel on 127.0.0.1 (another address only when the simulators' own
/// container host asks for it), built with the empty builder (no appsettings, no <c>ASPNETCORE_*</c> settings, no
/// logging), one request handler, a short shutdown.
/// </summary>
internal static class LoopbackWebHost
{
    /// <summary>A web application that will listen on <paramref name="address"/> (default 127.0.0.1):<paramref name="port"/> (0: a free port).</summary>
    public static WebApplication Build(int port = 0, IPAddress? address = null)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k => k.Listen(address ?? IPAddress.Loopback, port));
        builder.Services.Configure<HostOptions>(h => h.ShutdownTimeout = TimeSpan.FromSeconds(2));
        return builder.Build();
    }

    /// <summary>
    /// Sends every request to <paramref name="handler"/>, starts listening and returns the base URL (with a trailing
    /// slash): <paramref name="publicUrl"/> when given (the name clients reach it by), else the listening address.
    /// </summary>
    public static async Task<Uri> StartAsync(WebApplication app, RequestDelegate handler, CancellationToken cancellationToken, Uri? publicUrl = null)
    {
        app.Run(handler);
        await app.StartAsync(cancellationToken);
        if (publicUrl is not null)
        {
            return new Uri(publicUrl.AbsoluteUri.TrimEnd('/') + "/");
        }

        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new Uri(address.TrimEnd('/') + "/");
    }
}
