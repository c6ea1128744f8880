namespace AddonGrains.Client.Commands;

/// <summary><c>status [--org ORG] [--addon ID]</c>: one row per organization × add-on.</summary>
internal sealed class StatusCommand : Command
{
    private static readonly Option<string?> Organization = new("--org") { Description = "Only this organization (name or orgId)", HelpName = "ORG" };
    private static readonly Option<string?> Addon = new("--addon") { Description = "Only this add-on", HelpName = "ID" };

    public StatusCommand(IServiceProvider services) : base("status", "Where each organization × add-on stands, with rollout progress")
    {
        Options.Add(Organization);
        Options.Add(Addon);
        SetAction(async (parse, ct) =>
        {
            var cli = new CliContext(parse, services);
            var rows = await cli.LoadStatusesAsync(parse.GetValue(Organization), parse.GetValue(Addon), ct);
            if (cli.Format == OutputFormat.Json)
            {
                await cli.WriteJsonAsync([.. rows.Select(StatusJson.From)], CliJsonContext.Default.ImmutableArrayStatusJson);
            }
            else
            {
                cli.Console.Write(StatusView.Table(rows));
            }

            return ExitCodes.Success;
        });
    }
}
