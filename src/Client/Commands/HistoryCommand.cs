namespace AddonGrains.Client.Commands;

/// <summary>
/// <c>history ORG ADDON [--limit N] [--before TRIGGER_ID]</c>: triggers, newest first, one page at a time, with the
/// baselines operators set in the page's time span (manual rows with who and why).
/// </summary>
internal sealed class HistoryCommand : Command
{
    /// <summary>Rows per page when <c>--limit</c> is not given (docs/cli.md).</summary>
    public const int DefaultLimit = 20;

    private const int MaxLimit = 1000;

    private static readonly Option<int> Limit = RolloutArguments.Limit("triggers", DefaultLimit, MaxLimit);

    private static readonly Option<string?> Before = new("--before")
    {
        Description = "Only triggers older than this one: the next page starts at the last TRIGGER_ID of the previous one",
        HelpName = "TRIGGER_ID",
    };

    public HistoryCommand(IServiceProvider services) : base("history", "Triggers and their builds, newest first") =>
        RolloutArguments.Define(this, services, [Limit, Before], async (parse, cli, grain, ct) =>
        {
            var before = parse.GetValue(Before);
            var page = await grain.GetHistoryPageAsync(parse.GetValue(Limit), before, ct);
            if (page.Error is { } error)
            {
                throw new CliException(ExitCodes.NotFound, error);
            }

            var newerThanPage = before is null ? null : (await (await cli.ConnectAsync(ct)).GetGrain<ITriggerGrain>(before).GetSnapshotAsync(ct))?.Request.Event.At;
            var rows = HistoryRow.Page(page, await grain.GetManualActionsAsync(ct), newerThanPage);
            if (cli.Format == OutputFormat.Json)
            {
                await cli.WriteJsonAsync([.. rows.Select(TriggerJson.From)], CliJsonContext.Default.ImmutableArrayTriggerJson);
            }
            else
            {
                cli.Console.Write(HistoryView.Table(rows));
            }

            if (page.HasMore && cli.Format == OutputFormat.Table)
            {
                await cli.WriteErrorAsync($"older triggers exist: add --before {page.Triggers[^1].Request.TriggerId} for the next page");
            }

            return ExitCodes.Success;
        });
}
