using System.Globalization;

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

    private static readonly Argument<string> Organization = RolloutArguments.Organization();
    private static readonly Argument<string> Addon = RolloutArguments.Addon();

    private static readonly Option<int> Limit = LimitOption();

    private static readonly Option<string?> Before = new("--before")
    {
        Description = "Only triggers older than this one: the next page starts at the last TRIGGER_ID of the previous one",
        HelpName = "TRIGGER_ID",
    };

    public HistoryCommand(IServiceProvider services) : base("history", "Triggers and their builds, newest first")
    {
        Arguments.Add(Organization);
        Arguments.Add(Addon);
        Options.Add(Limit);
        Options.Add(Before);
        SetAction(async (parse, ct) =>
        {
            var cli = new CliContext(parse, services);
            var grain = await cli.ResolveRolloutAsync(parse.GetRequiredValue(Organization), parse.GetRequiredValue(Addon), ct);
            var before = parse.GetValue(Before);
            var page = await grain.GetHistoryPageAsync(parse.GetValue(Limit), before, ct);
            if (page.Error is { } error)
            {
                throw new CliException(ExitCodes.NotFound, error);
            }

            var newerThanPage = before is null ? null : (await (await cli.ConnectAsync(ct)).GetGrain<ITriggerGrain>(before).GetSnapshotAsync(ct))?.Request.CreatedAt;
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

    private static Option<int> LimitOption()
    {
        var option = new Option<int>("--limit")
        {
            Description = $"At most N triggers, newest first (1–{MaxLimit})",
            HelpName = "N",
            DefaultValueFactory = _ => DefaultLimit,
        };
        option.Validators.Add(result =>
        {
            // A value that is not a number was already reported by the parser.
            if (result.Tokens is [var token] && int.TryParse(token.Value, CultureInfo.InvariantCulture, out var limit) && limit is < 1 or > MaxLimit)
            {
                result.AddError($"--limit must be a whole number from 1 to {MaxLimit}");
            }
        });
        return option;
    }
}
