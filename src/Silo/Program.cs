using AddonGrains.Silo.Hosting;

if (SiloArguments.TryParse(args) is not { } arguments)
{
    return SiloExitCodes.Usage;
}

if (arguments.Mode == SiloMode.Migrate)
{
    return await SiloStartup.MigrateAsync(arguments);
}

var reader = SiloStartup.Reader(arguments);
if (await SiloStartup.LoadSettingsAsync(reader) is not { } settings)
{
    return SiloExitCodes.InvalidConfiguration;
}

return await SiloHost.RunAsync(arguments.HostArguments, settings, reader);
