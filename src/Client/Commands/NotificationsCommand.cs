namespace AddonGrains.Client.Commands;

/// <summary><c>notifications ORG ADDON [--limit N]</c>: notification deliveries, newest first (event, notifier, attempts, status, last error).</summary>
internal sealed class NotificationsCommand : Command
{
    public const int DefaultLimit = 20;

    private const int MaxLimit = 500;

    private static readonly Option<int> Limit = RolloutArguments.Limit("deliveries", DefaultLimit, MaxLimit);

    public NotificationsCommand(IServiceProvider services) : base("notifications", "Notification deliveries, newest first") =>
        RolloutArguments.Define(this, services, [Limit], async (parse, cli, rollout, ct) =>
        {
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
