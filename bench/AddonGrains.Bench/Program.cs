using AddonGrains.Bench;
using Spectre.Console;

if (args is [OcmSidecar.Mode, var sidecarOptions])
{
    return await OcmSidecarServer.RunAsync(OcmSidecar.ParseOptions(sidecarOptions));
}

BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine(ex.Message);
    return 1;
}

var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Out) });
console.Profile.Width = Math.Max(console.Profile.Width, 130);
if (options.Silos > 0)
{
    // The several-silo run stands alone: the default run measures an in-process silo, and both together would not fit in 30 minutes.
    var silos = await SiloRun.RunAsync(options);
    silos.Write(console);
    Console.WriteLine($"BENCH {silos.ToJson()}");
    return 0;
}

var result = await BenchRunner.RunAsync(options);
if (options.MultiOrg)
{
    result = await MultiOrgRun.RunAsync(options, result);
}
ResultTable.Write(console, result);
Console.WriteLine($"BENCH {result.ToJson()}");
return 0;
