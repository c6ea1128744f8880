using System.Globalization;

namespace AddonGrains.Client.Commands;

/// <summary>The ORG and ADDON arguments shared by the per-rollout commands, the manual actions' --reason and the reads' --limit.</summary>
internal static class RolloutArguments
{
    public static Argument<string> Organization() => new("ORG") { Description = "Organization: its configured name or its orgId" };

    public static Argument<string> Addon() => new("ADDON") { Description = "OCM add-on id, e.g. acm" };

    /// <summary><c>--yes</c> of the manual actions: without it they only say what they would do (exit 4).</summary>
    public static Option<bool> Yes(string description) => new("--yes") { Description = description };

    /// <summary><c>--reason TEXT</c> of the manual actions: kept in the audit trail with who did it.</summary>
    public static Option<string> Reason()
    {
        var option = new Option<string>("--reason") { Description = "Why (kept in the rollout's history with who did it)", Required = true, HelpName = "TEXT" };
        option.Validators.Add(r =>
        {
            if (string.IsNullOrWhiteSpace(r.GetValueOrDefault<string>()))
            {
                r.AddError("--reason must not be empty");
            }
        });
        return option;
    }

    /// <summary><c>--limit N</c> of the paged reads: at most N items, newest first, from 1 to <paramref name="max"/>.</summary>
    public static Option<int> Limit(string items, int defaultLimit, int max)
    {
        var option = new Option<int>("--limit")
        {
            Description = $"At most N {items}, newest first (1–{max})",
            HelpName = "N",
            DefaultValueFactory = _ => defaultLimit,
        };
        option.Validators.Add(result =>
        {
            // A value that is not a number was already reported by the parser.
            if (result.Tokens is [var token] && int.TryParse(token.Value, CultureInfo.InvariantCulture, out var limit) && (limit < 1 || limit > max))
            {
                result.AddError($"--limit must be a whole number from 1 to {max}");
            }
        });
        return option;
    }

    /// <summary>
    /// Gives a per-rollout <paramref name="command"/> the ORG and ADDON arguments, <paramref name="options"/> and an
    /// action that runs <paramref name="act"/> with the resolved rollout grain.
    /// </summary>
    public static void Define(Command command, IServiceProvider services, IEnumerable<Option> options,
        Func<ParseResult, CliContext, IRolloutGrain, CancellationToken, Task<int>> act)
    {
        var organization = Organization();
        var addon = Addon();
        command.Arguments.Add(organization);
        command.Arguments.Add(addon);
        foreach (var option in options)
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parse, ct) =>
        {
            var cli = new CliContext(parse, services);
            var grain = await cli.ResolveRolloutAsync(parse.GetRequiredValue(organization), parse.GetRequiredValue(addon), ct);
            return await act(parse, cli, grain, ct);
        });
    }
}
