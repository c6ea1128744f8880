namespace AddonGrains.Client.Commands;

/// <summary>Prints the outcome of <c>retrigger</c> or <c>baseline</c>: a refusal exits <see cref="ExitCodes.Refused"/>.</summary>
internal static class ManualAction
{
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
