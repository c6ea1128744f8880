namespace AddonGrains.Testing;

/// <summary>
/// The runtime setting for the .NET processes the tests start (silos, the demo, the CLI): tiered compilation without
/// call counting, so a process that lives for seconds never spends CPU recompiling its hot methods at tier 1. On the
/// two-core CI machine that is about a fifth of a silo's CPU (docs/testing.md). Behaviour is the same; production and
/// the benchmark keep the runtime's defaults.
/// </summary>
public static class ShortLivedDotnet
{
    public const string Variable = "DOTNET_TC_CallCounting";

    public static void Configure(IDictionary<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        environment[Variable] = "0";
    }
}
