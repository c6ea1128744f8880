using System.CommandLine;
using AddonGrains.Client;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console.Testing;

namespace AddonGrains.Tests.Cli;

/// <summary>Runs the real command tree the way <c>Program</c> does, with the test's connector and a fixed-width, colourless console.</summary>
internal static class Cli
{
    public const int Width = 160;

    public static Task<CliRun> RunAsync(IClusterClient client, params string[] args) => RunAsync(new FixedClusterConnector(client), args);

    public static async Task<CliRun> RunAsync(IClusterConnector connector, params string[] args)
    {
        using var console = new TestConsole().Width(Width);
        await using var services = new ServiceCollection().AddAddonGrainsCli(connector, console).BuildServiceProvider();
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var exitCode = await AddonGrainsCli.InvokeAsync(services, args, new InvocationConfiguration { Output = stdout, Error = stderr },
            TestContext.Current.CancellationToken);

        return new CliRun(exitCode, stdout.ToString(), console.Output, stderr.ToString());
    }
}
