namespace AddonGrains.Client.Commands;

/// <summary><c>validate</c>: the silo checks its configuration live; exits <see cref="ExitCodes.Failed"/> when a check fails.</summary>
internal sealed class ValidateCommand : Command
{
    public ValidateCommand(IServiceProvider services)
        : base("validate", "The silo checks its configuration live: OCM tokens and organizations, Jenkins jobs and the payload they would get")
    {
        SetAction(async (parse, ct) =>
        {
            var cli = new CliContext(parse, services);
            var client = await cli.ConnectAsync(ct);
            var report = await client.GetGrain<IValidationGrain>(IValidationGrain.Key).ValidateAsync(ct);
            if (cli.Format == OutputFormat.Json)
            {
                await cli.WriteJsonAsync(ValidationJson.From(report), CliJsonContext.Default.ValidationJson);
            }
            else
            {
                cli.Console.Write(ValidationView.Table(report));
            }

            if (report.Passed)
            {
                return ExitCodes.Success;
            }

            await cli.WriteErrorAsync($"{report.Checks.Count(c => !c.Passed)} of {report.Checks.Length} checks failed");
            return ExitCodes.Failed;
        });
    }
}
