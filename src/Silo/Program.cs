using AddonGrains.Silo.Demo;
using AddonGrains.Silo.Hosting;

if (SiloArguments.TryParse(args) is not { } arguments)
{
    return 1;
}

if (arguments.Mode == SiloMode.Migrate)
{
    return await SiloStartup.MigrateAsync(arguments);
}

await using var demo = arguments.Mode == SiloMode.Demo ? await DemoEnvironment.StartAsync() : null;
if (arguments.Mode == SiloMode.Demo && demo is null)
{
    return 2;
}

var reader = SiloStartup.Reader(arguments, demo);
if (await SiloStartup.LoadSettingsAsync(reader, demo) is not { } settings)
{
    return 2;
}

var builder = WebApplication.CreateBuilder(arguments.HostArguments);
builder.WebHost.UseUrls(builder.Configuration["urls"] ?? SiloDefaults.Urls);
if (SiloStartup.ResolveAddresses(builder.Configuration) is not { } addresses)
{
    return 2;
}

if (MembershipTiming.Validate(builder.Configuration) is { Count: > 0 } membershipErrors)
{
    membershipErrors.ToList().ForEach(e => Console.Error.WriteLine($"error: {e}"));
    return 2;
}

builder.AddAddonTelemetry();
if (!builder.AddAddonTls())
{
    return 2;
}

builder.AddAddonSilo(settings, addresses);
builder.AddConfigReload(reader);
builder.AddAddonOperations();
demo?.AddScript(builder.Services);

var app = builder.Build();
app.MapAddonOperations();
if (!await OrleansHosting.PrepareStorageAsync(app.Services, CancellationToken.None))
{
    return 3;
}

OrleansHosting.ReportSilo(app.Services);
await app.RunAsync();
return 0;
