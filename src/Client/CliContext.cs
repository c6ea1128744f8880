using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.DependencyInjection;

namespace AddonGrains.Client;

/// <summary>What a command's action needs: the parsed global options, the outputs and the cluster.</summary>
internal sealed class CliContext(ParseResult parse, IServiceProvider services)
{
    public OutputFormat Format => parse.GetValue(GlobalOptions.Output);

    /// <summary>Human output (tables, confirmations); plain when stdout is not a terminal.</summary>
    public IAnsiConsole Console => services.GetRequiredService<IAnsiConsole>();

    /// <summary>Messages and errors.</summary>
    public TextWriter Error => parse.InvocationConfiguration.Error;

    public Task<IClusterClient> ConnectAsync(CancellationToken cancellationToken)
    {
        // The option validator has already rejected anything that does not parse.
        if (!GatewayAddress.TryParse(parse.GetValue(GlobalOptions.Gateway), out var gateway))
        {
            throw new CliException(ExitCodes.Usage, "--gateway must be HOST:PORT");
        }

        var tls = new ClientTlsOptions(parse.GetValue(GlobalOptions.TlsCertificate), parse.GetValue(GlobalOptions.TlsKey), parse.GetValue(GlobalOptions.TlsCa));
        return services.GetRequiredService<IClusterConnector>().ConnectAsync(gateway, tls, cancellationToken);
    }

    /// <summary>The rows of <c>status</c>: every rollout, or those of one organization and/or add-on.</summary>
    public async Task<ImmutableArray<RolloutStatus>> LoadStatusesAsync(string? organization, string? addon, CancellationToken cancellationToken) =>
        await RolloutDirectory.StatusesAsync(await ConnectAsync(cancellationToken), organization, addon, cancellationToken);

    /// <summary>The rollout grain of the ORG and ADDON arguments, found through the registry's one key.</summary>
    public async Task<IRolloutGrain> ResolveRolloutAsync(string organization, string addon, CancellationToken cancellationToken) =>
        await RolloutDirectory.ResolveAsync(await ConnectAsync(cancellationToken), organization, addon, cancellationToken);

    /// <summary>Who asks and why, for the silo's audit trail: call after connecting (the certificate is known then).</summary>
    public OperatorRequest Operator(string reason) =>
        new(reason, Environment.UserName, Environment.MachineName, services.GetRequiredService<IClusterConnector>().CertificateSubject);

    /// <summary>Data for scripts: one JSON document on stdout.</summary>
    public Task WriteJsonAsync<T>(T value, JsonTypeInfo<T> typeInfo) =>
        parse.InvocationConfiguration.Output.WriteLineAsync(JsonSerializer.Serialize(value, typeInfo));

    public Task WriteErrorAsync(string message) => Error.WriteLineAsync($"addongrains: {message}");
}
