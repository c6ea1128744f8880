namespace AddonGrains.Client.Commands;

/// <summary><c>silos [--all]</c>: the cluster's members from Orleans' management grain (membership table view).</summary>
internal sealed class SilosCommand : Command
{
    private static readonly Option<bool> All = new("--all")
    {
        Description = "Also dead members last heard of more than an hour ago",
    };

    public SilosCommand(IServiceProvider services) : base("silos", "The cluster's members: name, address, gateway, status, start time, activations")
    {
        Options.Add(All);
        SetAction(async (parse, ct) =>
        {
            var cli = new CliContext(parse, services);
            var members = SiloMember.Visible(await LoadAsync(await cli.ConnectAsync(ct)), DateTimeOffset.UtcNow, parse.GetValue(All));
            if (cli.Format == OutputFormat.Json)
            {
                await cli.WriteJsonAsync([.. members.Select(SiloJson.From)], CliJsonContext.Default.ImmutableArraySiloJson);
            }
            else
            {
                cli.Console.Write(SilosView.Table(members));
            }

            return ExitCodes.Success;
        });
    }

    private static async Task<IReadOnlyList<SiloMember>> LoadAsync(IClusterClient client)
    {
        var management = client.GetGrain<IManagementGrain>(0);
        var entries = await management.GetDetailedHosts(onlyActive: false);
        var live = entries.Where(e => e.Status is SiloStatus.Active).Select(e => e.SiloAddress).ToArray();
        var statistics = live.Length == 0 ? [] : await management.GetRuntimeStatistics(live);
        var activations = live.Zip(statistics, (silo, s) => (silo, s.ActivationCount)).ToDictionary(p => p.silo, p => p.ActivationCount);
        var hashes = await ConfigHashesAsync(client);
        return [.. entries.Select(e => SiloMember.From(e, activations.TryGetValue(e.SiloAddress, out var count) ? count : null)
            with { ConfigHash = hashes.GetValueOrDefault(e.SiloAddress.ToParsableString()) })];
    }

    /// <summary>The hash each silo reported; none (column empty) when the registry cannot answer, so the members still show.</summary>
    private static async Task<ImmutableDictionary<string, string>> ConfigHashesAsync(IClusterClient client)
    {
        try
        {
            return await client.GetGrain<IRegistryGrain>(IRegistryGrain.Key).GetSiloConfigHashesAsync().WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Process edge: the registry (its storage) may be what is broken; the membership view must still answer.
            return ImmutableDictionary<string, string>.Empty;
        }
    }
}
