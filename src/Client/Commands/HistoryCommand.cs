namespace AddonGrains.Client.Commands;

/// <summary><c>history ORG ADDON</c>: every trigger and every baseline an operator set, newest first (manual rows with who and why).</summary>
internal sealed class HistoryCommand : Command
{
    private static readonly Argument<string> Organization = RolloutArguments.Organization();
    private static readonly Argument<string> Addon = RolloutArguments.Addon();

    public HistoryCommand(IServiceProvider services) : base("history", "Triggers and their builds, newest first")
    {
        Arguments.Add(Organization);
        Arguments.Add(Addon);
        SetAction(async (parse, ct) =>
        {
            var cli = new CliContext(parse, services);
            var (grain, _) = (await cli.LoadRolloutsAsync(ct)).Resolve(parse.GetRequiredValue(Organization), parse.GetRequiredValue(Addon));
            var rows = HistoryRow.Merge(await grain.GetHistoryAsync(ct), await grain.GetManualActionsAsync(ct));
            if (cli.Format == OutputFormat.Json)
            {
                await cli.WriteJsonAsync([.. rows.Select(TriggerJson.From)], CliJsonContext.Default.ImmutableArrayTriggerJson);
            }
            else
            {
                cli.Console.Write(HistoryView.Table(rows));
            }

            return ExitCodes.Success;
        });
    }
}
