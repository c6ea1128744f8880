namespace AddonGrains.Client.Commands;

/// <summary><c>clusters ORG ADDON</c>: what the last check observed per cluster, ordered by cluster id.</summary>
internal sealed class ClustersCommand : Command
{
    public ClustersCommand(IServiceProvider services) : base("clusters", "Per-cluster observation of the last check") =>
        RolloutArguments.Define(this, services, [], async (parse, cli, grain, ct) =>
        {
            var clusters = (await grain.GetClustersAsync(ct)).OrderBy(c => c.ClusterId, StringComparer.Ordinal).ToImmutableArray();
            if (cli.Format == OutputFormat.Json)
            {
                await cli.WriteJsonAsync([.. clusters.Select(ClusterJson.From)], CliJsonContext.Default.ImmutableArrayClusterJson);
            }
            else
            {
                cli.Console.Write(ClustersView.Table(clusters));
            }

            return ExitCodes.Success;
        });
}
