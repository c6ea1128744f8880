namespace AddonGrains.Client.Commands;

/// <summary><c>resume ORG ADDON --reason TEXT --yes</c>: ends a pause and delivers the held triggers, once.</summary>
internal sealed class ResumeCommand : Command
{
    private static readonly Option<string> Reason = RolloutArguments.Reason();
    private static readonly Option<bool> Yes = RolloutArguments.Yes("Really resume (held triggers go to Jenkins now)");

    public ResumeCommand(IServiceProvider services) : base("resume", "End a pause and deliver the held triggers once") =>
        ManualAction.Define(this, services, [Reason, Yes], async (parse, cli, grain, status, ct) =>
        {
            if (!parse.GetValue(Yes))
            {
                await cli.WriteErrorAsync($"resume would end the pause of {status.Organization}/{status.Addon} and hand its {status.HeldTriggers} "
                    + "held trigger(s) to Jenkins. Nothing was done: add --yes to do it.");
                return ExitCodes.Refused;
            }

            return await ManualAction.ReportAsync(cli, status, await grain.ResumeAsync(cli.Operator(parse.GetRequiredValue(Reason)), ct));
        });
}
