using System.Diagnostics;
using AddonGrains.Configuration;

namespace AddonGrains.Client.Commands;

/// <summary>
/// <c>verdict ORG ADDON [--version V] [--wait DURATION]</c>: did the tests pass for a version? Exit 0 passed, 6 failed,
/// 7 pending, 8 none, 2 unknown version. <c>--wait</c> asks again until the verdict is final (passed or failed), also
/// while the version is not recorded yet, and answers what it knows when the time is up.
/// </summary>
internal sealed class VerdictCommand : Command
{
    /// <summary>How often <c>--wait</c> asks the rollout again.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    private static readonly Option<string?> Version = new("--version") { Description = "The version (default: the last known version)", HelpName = "V" };
    private static readonly Option<string?> WaitFor = WaitOption();

    public VerdictCommand(IServiceProvider services) : base("verdict", "Did the tests pass for a version: passed, failed, pending or none") =>
        RolloutArguments.Define(this, services, [Version, WaitFor], async (parse, cli, grain, ct) =>
        {
            var version = parse.GetValue(Version);
            var wait = parse.GetValue(WaitFor) is { } text && Durations.TryParse(text, out var d) ? d : TimeSpan.Zero;
            var started = Stopwatch.GetTimestamp();
            var verdict = await grain.GetVerdictAsync(version, ct);
            while (!verdict.Verdict.IsFinal() && Stopwatch.GetElapsedTime(started) < wait)
            {
                await Task.Delay(Min(PollInterval, wait - Stopwatch.GetElapsedTime(started)), ct);
                verdict = await grain.GetVerdictAsync(version, ct);
            }

            return await ReportAsync(cli, verdict);
        });

    private static async Task<int> ReportAsync(CliContext cli, VersionVerdict verdict)
    {
        if (cli.Format == OutputFormat.Json)
        {
            await cli.WriteJsonAsync(VerdictDocument.From(verdict), CliJsonContext.Default.VerdictDocument);
        }
        else if (verdict.Verdict != Verdict.Unknown)
        {
            cli.Console.WriteLine($"{verdict.Organization}/{verdict.Addon} {verdict.Version}: {verdict.Verdict.Name()} ({verdict.Reason})");
            if (!verdict.Jobs.IsDefaultOrEmpty)
            {
                cli.Console.Write(VerdictView.Table(verdict.Jobs));
            }
        }

        if (verdict.Verdict == Verdict.Unknown)
        {
            await cli.WriteErrorAsync(verdict.Reason);
        }

        return verdict.Verdict switch
        {
            Verdict.Passed => ExitCodes.Success,
            Verdict.Failed => ExitCodes.VerdictFailed,
            Verdict.Pending => ExitCodes.VerdictPending,
            Verdict.None => ExitCodes.VerdictNone,
            _ => ExitCodes.NotFound,
        };
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static Option<string?> WaitOption()
    {
        var option = new Option<string?>("--wait")
        {
            Description = "Wait up to DURATION (30s, 10m, 1h, hh:mm:ss) for a final verdict, also for a version not recorded yet",
            HelpName = "DURATION",
        };
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string?>() is { } text && (!Durations.TryParse(text, out var wait) || wait <= TimeSpan.Zero))
            {
                result.AddError($"--wait '{text}' is not a duration: use e.g. 30s, 10m, 1h or hh:mm:ss");
            }
        });
        return option;
    }
}
