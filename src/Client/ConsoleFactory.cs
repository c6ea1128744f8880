using System.Globalization;

namespace AddonGrains.Client;

/// <summary>The process's stdout as an <see cref="IAnsiConsole"/>: plain text when redirected or when <c>NO_COLOR</c> is set.</summary>
internal static class ConsoleFactory
{
    // Without a terminal Spectre assumes 80 columns, which wraps every table; pipes and files get a wider page.
    private const int RedirectedWidth = 200;

    public static IAnsiConsole CreateStdout()
    {
        var redirected = Console.IsOutputRedirected;
        var plain = redirected || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"));
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(Console.Out),
            Ansi = plain ? AnsiSupport.No : AnsiSupport.Detect,
            ColorSystem = plain ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
            Interactive = InteractionSupport.No,
        });
        if (redirected)
        {
            console.Profile.Width = int.TryParse(Environment.GetEnvironmentVariable("COLUMNS"), NumberStyles.None, CultureInfo.InvariantCulture, out var columns)
                && columns > 0 ? columns : RedirectedWidth;
        }

        return console;
    }
}
