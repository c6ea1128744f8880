using System.Globalization;

namespace AddonGrains.Bench;

/// <summary>The command line of the benchmark (docs/performance.md).</summary>
internal sealed record BenchOptions(
    int Clusters,
    int Subscriptions,
    int LatencyMs,
    int Concurrency,
    int Organizations,
    string? Postgres,
    TimeSpan RolloutInterval,
    TimeSpan? BaselineBudget,
    bool Profile = false,
    int HistoryEvents = 10_000,
    int StatusRollouts = 100,
    int MaxOcmConcurrency = 16,
    bool MultiOrg = false,
    int Silos = 0)
{
    public const string Usage =
        "usage: AddonGrains.Bench [--clusters N] [--subscriptions S] [--latency-ms L] [--concurrency C] [--organizations M] "
        + "[--postgres CONNSTRING] [--rollout-interval-s R] [--baseline-budget-s B] [--history-events E] [--status-rollouts P] [--profile] "
        + "[--max-ocm-concurrency B] [--multi-org] [--silos N]";

    public static BenchOptions Default { get; } = new(1000, 3, 20, 16, 1, null, TimeSpan.FromSeconds(2), null);

    /// <summary>Without <c>--baseline-budget-s</c>, the baseline may use what is left of this total run time.</summary>
    public static TimeSpan RunBudget { get; } = TimeSpan.FromSeconds(110);

    /// <summary>Parses <paramref name="args"/>; throws <see cref="ArgumentException"/> with the usage on a bad one.</summary>
    public static BenchOptions Parse(IReadOnlyList<string> args)
    {
        var options = Default;
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (name is "--profile" or "--multi-org")
            {
                options = name == "--profile" ? options with { Profile = true } : options with { MultiOrg = true };
                continue;
            }

            var value = i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{name} needs a value. {Usage}");
            options = name switch
            {
                "--clusters" => options with { Clusters = Int(name, value, 1, 100_000) },
                "--subscriptions" => options with { Subscriptions = Int(name, value, 1, 100) },
                "--latency-ms" => options with { LatencyMs = Int(name, value, 0, 10_000) },
                "--concurrency" => options with { Concurrency = Int(name, value, 1, 64) },
                "--max-ocm-concurrency" => options with { MaxOcmConcurrency = Int(name, value, 1, 256) },
                "--organizations" => options with { Organizations = Int(name, value, 1, 100) },
                "--postgres" => options with { Postgres = value },
                "--rollout-interval-s" => options with { RolloutInterval = TimeSpan.FromSeconds(Int(name, value, 1, 600)) },
                "--baseline-budget-s" => options with { BaselineBudget = TimeSpan.FromSeconds(Int(name, value, 1, 36_000)) },
                "--history-events" => options with { HistoryEvents = Int(name, value, HistoryBench.HistoryLimit, 1_000_000) },
                "--status-rollouts" => options with { StatusRollouts = Int(name, value, 1, 10_000) },
                "--silos" => options with { Silos = Int(name, value, 1, SiloRun.MaxSilos) },
                _ => throw new ArgumentException($"unknown option '{name}'. {Usage}"),
            };
        }

        return options;
    }

    private static int Int(string name, string value, int min, int max) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max
            ? n
            : throw new ArgumentException($"{name} must be a whole number from {min} to {max} (was '{value}'). {Usage}");
}
