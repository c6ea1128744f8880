using System.Globalization;

namespace AddonGrains.Client.Commands;

/// <summary><c>notifications ORG ADDON [--limit N]</c>: notification deliveries, newest first (event, notifier, attempts, status, last error).</summary>
internal sealed class NotificationsCommand : Command
{
    public const int DefaultLimit = 20;

    private const int MaxLimit = 500;

    private static readonly Argument<string> Organization = RolloutArguments.Organization();
    private static readonly Argument<string> Addon = RolloutArguments.Addon();

    private static readonly Option<int> Limit = LimitOption();

    public NotificationsCommand(IServiceProvider services) : base("notifications", "Notification deliveries, newest first")
    {
        Arguments.Add(Organization);
        Arguments.Add(Addon);
        Options.Add(Limit);
        SetAction(async (parse, ct) =>
        {
            var cli = new CliContext(parse, services);
            var rollout = await cli.ResolveRolloutAsync(parse.GetRequiredValue(Organization), parse.GetRequiredValue(Addon), ct);
            var deliveries = await (await cli.ConnectAsync(ct)).GetGrain<INotificationGrain>(rollout.GetPrimaryKeyString()).GetDeliveriesAsync(parse.GetValue(Limit), ct);
            if (cli.Format == OutputFormat.Json)
            {
                await cli.WriteJsonAsync([.. deliveries.Select(NotificationJson.From)], CliJsonContext.Default.ImmutableArrayNotificationJson);
            }
            else
            {
                cli.Console.Write(NotificationsView.Table(deliveries));
            }

            return ExitCodes.Success;
        });
    }

    private static Option<int> LimitOption()
    {
        var option = new Option<int>("--limit")
        {
            Description = $"At most N deliveries, newest first (1–{MaxLimit})",
            HelpName = "N",
            DefaultValueFactory = _ => DefaultLimit,
        };
        option.Validators.Add(result =>
        {
            if (result.Tokens is [var token] && int.TryParse(token.Value, CultureInfo.InvariantCulture, out var limit) && limit is < 1 or > MaxLimit)
            {
                result.AddError($"--limit must be a whole number from 1 to {MaxLimit}");
            }
        });
        return option;
    }
}
