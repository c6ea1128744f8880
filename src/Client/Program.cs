using AddonGrains.Client;
using Microsoft.Extensions.DependencyInjection;

// The only catch-all: anything unexpected becomes one line on stderr and a non-zero exit code, never a stack trace.
try
{
    await using var connector = new OrleansClusterConnector(ConnectionSettings.FromEnvironment());
    await using var services = new ServiceCollection().AddAddonGrainsCli(connector, ConsoleFactory.CreateStdout()).BuildServiceProvider();
    return await AddonGrainsCli.InvokeAsync(services, args, new InvocationConfiguration(), CancellationToken.None);
}
catch (CliException ex)
{
    await Console.Error.WriteLineAsync($"addongrains: {ex.Message}");
    return ex.ExitCode;
}
catch (Exception ex)
{
    await Console.Error.WriteLineAsync($"addongrains: unexpected error: {ex.GetType().Name}: {ex.Message}");
    return ExitCodes.Failed;
}
