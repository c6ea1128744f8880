namespace AddonGrains.Client.Commands;

/// <summary><c>check ORG ADDON</c>: run a check now, with fresh OCM data, and print the resulting status.</summary>
internal sealed class CheckCommand : Command
{
    private static readonly Argument<string> Organization = RolloutArguments.Organization();
    private static readonly Argument<string> Addon = RolloutArguments.Addon();

    public CheckCommand(IServiceProvider services) : base("check", "Run a check now and print the resulting status")
    {
        Arguments.Add(Organization);
        Arguments.Add(Addon);
        SetAction(async (parse, ct) =>
        {
            var cli = new CliContext(parse, services);
            var grain = await cli.ResolveRolloutAsync(parse.GetRequiredValue(Organization), parse.GetRequiredValue(Addon), ct);
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
}
