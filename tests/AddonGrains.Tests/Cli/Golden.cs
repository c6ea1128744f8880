using System.Runtime.CompilerServices;
using Spectre.Console.Testing;

namespace AddonGrains.Tests.Cli;

/// <summary>
/// Compares rendered output with <c>Cli/Golden/{name}.txt</c> (line endings and trailing spaces normalized).
/// Set <c>UPDATE_GOLDEN=1</c> to rewrite the files after an intended change; a missing file is written and fails.
/// </summary>
internal static class Golden
{
    public static void Verify(string name, string actual, [CallerFilePath] string source = "")
    {
        var path = Path.Combine(Path.GetDirectoryName(source)!, "Golden", name + ".txt");
        var normalized = Normalize(actual);
        var update = Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1";
        if (update || !File.Exists(path))
        {
            File.WriteAllText(path, normalized);
            Assert.True(update, $"golden file {path} did not exist; it was written: review it and re-run");
        }

        Assert.Equal(Normalize(File.ReadAllText(path)), normalized);
    }

    private static string Normalize(string text) => text.NormalizeLineEndings().TrimLines().TrimEnd() + "\n";
}
