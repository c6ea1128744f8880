using System.Net;
using AddonGrains.SimulatorHost;

// addongrains-simulators [serve]: runs the OCM and Jenkins simulators of ScriptedWorld and the control endpoint until
// stopped (SIGTERM). addongrains-simulators ROUTE [key=value…]: drives the ones running in this container.
if (args is not ([] or ["serve"]))
{
    return await ControlClient.RunAsync(args);
}

await using var world = await StartWorldAsync();
if (world is null)
{
    return 2;
}

var builder = WebApplication.CreateSlimBuilder();
builder.Logging.ClearProviders();
builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, ControlApi.Port));
var app = builder.Build();
ControlApi.Map(app, world);
await app.StartAsync();
Console.WriteLine($"simulators: OCM {world.Ocm.BaseUrl} (token endpoint {world.Ocm.TokenUrl}), Jenkins {world.Jenkins.BaseUrl}; "
    + $"organization {ScriptedWorld.OrgId}: {ScriptedWorld.ClusterIds.Length} clusters on {ScriptedWorld.Addon} {ScriptedWorld.InitialVersion}, "
    + $"job {ScriptedWorld.Job}; control on 127.0.0.1:{ControlApi.Port}");
await app.WaitForShutdownAsync();
return 0;

static async Task<AddonGrains.Simulators.World.SimulatedWorld?> StartWorldAsync()
{
    try
    {
        return await ScriptedWorld.StartAsync(Environment.GetEnvironmentVariable, CancellationToken.None);
    }
    catch (ArgumentException e)
    {
        await Console.Error.WriteLineAsync($"error: {e.Message}");
        return null;
    }
}
