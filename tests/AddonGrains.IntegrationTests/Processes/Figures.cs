namespace AddonGrains.IntegrationTests.Processes;

/// <summary>
/// Measured figures (failover times, chaos seeds): written to the test output and appended to
/// <c>$TMPDIR/addongrains-test-figures.txt</c>, from which docs/operations.md and docs/reliability.md are filled.
/// </summary>
public static class Figures
{
    private static readonly Lock FileLock = new();

    public static string FilePath { get; } = Path.Combine(Path.GetTempPath(), "addongrains-test-figures.txt");

    public static void Record(string line)
    {
        var stamped = $"{DateTime.UtcNow:yyyy-MM-ddTHH:mm:ssZ} {line}";
        TestContext.Current.TestOutputHelper?.WriteLine(stamped);
        lock (FileLock)
        {
            // Collections run in parallel: one writer at a time.
            File.AppendAllText(FilePath, stamped + Environment.NewLine);
        }
    }
}
