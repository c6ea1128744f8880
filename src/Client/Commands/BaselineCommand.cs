namespace AddonGrains.Client.Commands;

/// <summary><c>baseline ORG ADDON --version V --reason TEXT --yes</c>: set the last known version without triggering anything.</summary>
internal sealed class BaselineCommand : Command
{
    private static readonly Argument<string> Organization = RolloutArguments.Organization();
    private static readonly Argument<string> Addon = RolloutArguments.Addon();
    private static readonly Option<string> Version = new("--version") { Description = "The version to record as last known", Required = true, HelpName = "V" };
    private static readonly Option<string> Reason = RolloutArguments.Reason();
    private static readonly Option<bool> Yes = new("--yes") { Description = "Really set it (the next convergence is compared with it)" };

    public BaselineCommand(IServiceProvider services) : base("baseline", "Set the last known version without triggering anything")
    {
        Arguments.Add(Organization);
        Arguments.Add(Addon);
        Options.Add(Version);
        Options.Add(Reason);
        Options.Add(Yes);
        SetAction(async (parse, ct) =>
        {
            var cli = new CliContext(parse, services);
            var grain = await cli.ResolveRolloutAsync(parse.GetRequiredValue(Organization), parse.GetRequiredValue(Addon), ct);
            var status = await grain.GetStatusAsync(ct);
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
}
