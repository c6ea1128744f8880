using System.Globalization;

namespace AddonGrains.IntegrationTests.Crashes;

/// <summary>
/// How many rounds a chaos loop runs: <c>CHAOS_ROUNDS</c> when set (<c>CHAOS_ROUNDS=20</c> is the full count), else
/// the loop's quick count for CI. Every round is the same experiment; fewer rounds only sample it less often.
/// </summary>
internal static class ChaosRounds
{
    public const string Variable = "CHAOS_ROUNDS";

    public static int Or(int quickCount)
    {
        if (Environment.GetEnvironmentVariable(Variable) is not { Length: > 0 } text)
        {
            return quickCount;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var rounds) && rounds > 0
            ? rounds
            : throw new InvalidOperationException($"{Variable} must be a positive whole number, not '{text}'");
    }

    /// <summary>
    /// <paramref name="count"/> picks from <paramref name="choices"/>: each block of <c>choices.Length</c> rounds is a
    /// random permutation, so that even a short run reaches every choice.
    /// </summary>
    public static IReadOnlyList<T> Cover<T>(IReadOnlyList<T> choices, int count, Random random)
    {
        var picks = new List<T>(count);
        while (picks.Count < count)
        {
            var block = choices.ToArray();
            random.Shuffle(block);
            picks.AddRange(block.Take(count - picks.Count));
        }

        return picks;
    }
}
