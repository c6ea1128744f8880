namespace AddonGrains.Client.Commands;

/// <summary><c>baseline ORG ADDON --version V --reason TEXT --yes</c>: set the last known version without triggering anything.</summary>
internal sealed class BaselineCommand : Command
{
    private static readonly Option<string> Version = new("--version") { Description = "The version to record as last known", Required = true, HelpName = "V" };
    private static readonly Option<string> Reason = RolloutArguments.Reason();
    private static readonly Option<bool> Yes = RolloutArguments.Yes("Really set it (the next convergence is compared with it)");

    public BaselineCommand(IServiceProvider services) : base("baseline", "Set the last known version without triggering anything") =>
        ManualAction.Define(this, services, [Version, Reason, Yes], async (parse, cli, grain, status, ct) =>
        {
            var version = parse.GetRequiredValue(Version);
            if (!parse.GetValue(Yes))
            {
                await cli.WriteErrorAsync($"baseline would set the last known version of {status.Organization}/{status.Addon} to {version} "
                    + $"(now {status.LastKnownVersion ?? "none"}) without triggering anything; a fleet converged on {version} would then "
                    + "trigger nothing. Nothing was done: add --yes to do it.");
                return ExitCodes.Refused;
            }

            return await ManualAction.ReportAsync(cli, status, await grain.SetBaselineAsync(version, cli.Operator(parse.GetRequiredValue(Reason)), ct));
        });
}
