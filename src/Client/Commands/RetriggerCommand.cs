namespace AddonGrains.Client.Commands;

/// <summary><c>retrigger ORG ADDON --job JOB [--instance NAME] --reason TEXT --yes</c>: a new manual trigger for the last known version.</summary>
internal sealed class RetriggerCommand : Command
{
    private static readonly Option<string> Job = new("--job") { Description = "The subscribed Jenkins job, e.g. folder/e2e", Required = true, HelpName = "JOB" };
    private static readonly Option<string?> Instance = new("--instance") { Description = "The Jenkins instance, when the job name is ambiguous", HelpName = "NAME" };
    private static readonly Option<string> Reason = RolloutArguments.Reason();
    private static readonly Option<bool> Yes = RolloutArguments.Yes("Really create the trigger (Jenkins will run the job)");

    public RetriggerCommand(IServiceProvider services) : base("retrigger", "Create a new manual trigger of one job for the last known version") =>
        ManualAction.Define(this, services, [Job, Instance, Reason, Yes], async (parse, cli, grain, status, ct) =>
        {
            var job = parse.GetRequiredValue(Job);
            var instance = parse.GetValue(Instance);
            if (!parse.GetValue(Yes))
            {
                var on = instance is null ? "" : $" on Jenkins instance {instance}";
                var version = status.LastKnownVersion is { } v ? $"last known version {v}" : "last known version (there is none yet, so the silo would refuse)";
                await cli.WriteErrorAsync($"retrigger would create a new manual trigger of job {job}{on} for {status.Organization}/{status.Addon} "
                    + $"at the {version}, and Jenkins would run it. Nothing was done: add --yes to do it.");
                return ExitCodes.Refused;
            }

            return await ManualAction.ReportAsync(cli, status, await grain.RetriggerAsync(job, instance, cli.Operator(parse.GetRequiredValue(Reason)), ct));
        });
}
