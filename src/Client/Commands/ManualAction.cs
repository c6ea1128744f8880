namespace AddonGrains.Client.Commands;

/// <summary>The manual actions' shared parts; prints the outcome of <c>retrigger</c>, <c>baseline</c>, <c>pause</c>, <c>resume</c>: a refusal exits <see cref="ExitCodes.Refused"/>.</summary>
internal static class ManualAction
{
    /// <summary>
    /// Gives <paramref name="command"/> the ORG and ADDON arguments, <paramref name="options"/> and an action that runs
    /// <paramref name="act"/> with the resolved rollout grain and its current status.
    /// </summary>
    public static void Define(Command command, IServiceProvider services, IEnumerable<Option> options,
        Func<ParseResult, CliContext, IRolloutGrain, RolloutStatus, CancellationToken, Task<int>> act)
    {
        var organization = RolloutArguments.Organization();
        var addon = RolloutArguments.Addon();
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
            return await act(parse, cli, grain, await grain.GetStatusAsync(ct), ct);
        });
    }

    public static async Task<int> ReportAsync(CliContext cli, RolloutStatus status, ManualActionResult result)
    {
        if (cli.Format == OutputFormat.Json)
        {
            await cli.WriteJsonAsync(new ActionJson(status.Organization, status.OrgId, status.Addon, result.Accepted, result.Message, result.TriggerId),
                CliJsonContext.Default.ActionJson);
        }

        if (!result.Accepted)
        {
            await cli.WriteErrorAsync($"{status.Organization}/{status.Addon}: refused: {result.Message}");
            return ExitCodes.Refused;
        }

        if (cli.Format == OutputFormat.Table)
        {
            cli.Console.WriteLine($"{status.Organization}/{status.Addon}: {result.Message}");
        }

        return ExitCodes.Success;
    }
}
