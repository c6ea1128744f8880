using AddonGrains.Demo;
using AddonGrains.Silo.Hosting;

// The silo's host with the demo's world: simulators, an in-memory configuration pointing at them, and the script.
await using var demo = await DemoEnvironment.StartAsync();
if (demo is null)
{
    return SiloExitCodes.InvalidConfiguration;
}

return await SiloHost.RunAsync(args, demo.Settings, reader: null, demo.AddScript);
