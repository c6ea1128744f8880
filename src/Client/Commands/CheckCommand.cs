namespace AddonGrains.Client.Commands;

/// <summary><c>check ORG ADDON</c>: run a check now, with fresh OCM data, and print the resulting status.</summary>
internal sealed class CheckCommand : Command
{
    public CheckCommand(IServiceProvider services) : base("check", "Run a check now and print the resulting status") =>
        RolloutArguments.Define(this, services, [], async (parse, cli, grain, ct) =>
        {
            var status = await grain.CheckAsync(ct);
            if (cli.Format == OutputFormat.Json)
            {
                await cli.WriteJsonAsync(StatusJson.From(status), CliJsonContext.Default.StatusJson);
            }
            else
            {
                cli.Console.Write(StatusView.Table([status]));
            }

            return ExitCodes.Success;
        });
}
