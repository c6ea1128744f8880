namespace AddonGrains.Client.Commands;

/// <summary>
/// <c>pause ORG ADDON --reason TEXT [--until TIME|DURATION] --yes</c>: checks go on, new triggers are held (not
/// dropped) until <c>resume</c> or the end; the silo checks <c>--until</c> against its clock.
/// </summary>
internal sealed class PauseCommand : Command
{
    private static readonly Option<string> Reason = RolloutArguments.Reason();
    private static readonly Option<string?> Until = new("--until")
    {
        Description = "End the pause at this time (ISO 8601, e.g. 2026-12-24T18:00:00Z; UTC without an offset) or after this duration (30m, 2h, 1d)",
        HelpName = "TIME|DURATION",
    };
    private static readonly Option<bool> Yes = RolloutArguments.Yes("Really pause (no Jenkins job runs for this pair until the end)");

    public PauseCommand(IServiceProvider services) : base("pause", "Hold the triggers of one organization × add-on; checks go on") =>
        ManualAction.Define(this, services, [Reason, Until, Yes], async (parse, cli, grain, status, ct) =>
        {
            var until = parse.GetValue(Until);
            if (!parse.GetValue(Yes))
            {
                await cli.WriteErrorAsync($"pause would hold every new trigger of {status.Organization}/{status.Addon} "
                    + $"{(until is null ? "until 'resume'" : $"until {until}")} (checks go on; held triggers are delivered once at the end). "
                    + "Nothing was done: add --yes to do it.");
                return ExitCodes.Refused;
            }

            return await ManualAction.ReportAsync(cli, status, await grain.PauseAsync(until, cli.Operator(parse.GetRequiredValue(Reason)), ct));
        });
}
