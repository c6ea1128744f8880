using AddonGrains.Client.Commands;
using Microsoft.Extensions.DependencyInjection;

namespace AddonGrains.Client;

/// <summary>The command tree and its invocation, shared by <c>Program</c> and the tests.</summary>
internal static class AddonGrainsCli
{
    /// <summary>The services the commands take: how to reach the cluster and where tables go.</summary>
    public static IServiceCollection AddAddonGrainsCli(this IServiceCollection services, IClusterConnector connector, IAnsiConsole console) =>
        services.AddSingleton(connector).AddSingleton(console);

    public static RootCommand CreateRootCommand(IServiceProvider services)
    {
        var root = new RootCommand("addongrains: watch OpenShift add-on rollouts and the Jenkins jobs they trigger.");
        root.Options.Add(GlobalOptions.Output);
        root.Options.Add(GlobalOptions.Gateway);
        root.Options.Add(GlobalOptions.TlsCertificate);
        root.Options.Add(GlobalOptions.TlsKey);
        root.Options.Add(GlobalOptions.TlsCa);
        root.Subcommands.Add(new StatusCommand(services));
        root.Subcommands.Add(new ClustersCommand(services));
        root.Subcommands.Add(new HistoryCommand(services));
        root.Subcommands.Add(new CheckCommand(services));
        root.Subcommands.Add(new RetriggerCommand(services));
        root.Subcommands.Add(new BaselineCommand(services));
        root.Subcommands.Add(new ValidateCommand(services));
        root.Subcommands.Add(new SilosCommand(services));
        root.Subcommands.Add(new VerdictCommand(services));
        root.Subcommands.Add(new PauseCommand(services));
        root.Subcommands.Add(new ResumeCommand(services));
        return root;
    }

    /// <summary>Parses and runs <paramref name="args"/>; expected failures become a message on stderr and their exit code.</summary>
    public static async Task<int> InvokeAsync(IServiceProvider services, string[] args, InvocationConfiguration configuration, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        configuration.EnableDefaultExceptionHandler = false;
        var parse = CreateRootCommand(services).Parse(args);
        try
        {
            return await parse.InvokeAsync(configuration, cancellationToken);
        }
        catch (CliException ex)
        {
            await configuration.Error.WriteLineAsync($"addongrains: {ex.Message}");
            return ex.ExitCode;
        }
        catch (Exception ex) when (OrleansClusterConnector.IsConnectionFailure(ex))
        {
            await configuration.Error.WriteLineAsync($"addongrains: lost the connection to the cluster: {ex.Message}");
            return ExitCodes.Unreachable;
        }
    }
}
