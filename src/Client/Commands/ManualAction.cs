namespace AddonGrains.Client.Commands;

/// <summary>The manual actions' shared parts; prints the outcome of <c>retrigger</c>, <c>baseline</c>, <c>pause</c>, <c>resume</c>: a refusal exits <see cref="ExitCodes.Refused"/>.</summary>
internal static class ManualAction
{
    /// <summary>
    /// <see cref="RolloutArguments.Define"/> for a manual action: <paramref name="act"/> also gets the rollout's current
    /// status (for its confirmation text and its report).
    /// </summary>
    public static void Define(Command command, IServiceProvider services, IEnumerable<Option> options,
        Func<ParseResult, CliContext, IRolloutGrain, RolloutStatus, CancellationToken, Task<int>> act) =>
        RolloutArguments.Define(command, services, options,
            async (parse, cli, grain, ct) => await act(parse, cli, grain, await grain.GetStatusAsync(ct), ct));

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
