namespace AddonGrains.Silo.Hosting;

/// <summary>What the silo was asked to do (docs/configuration.md): run with a configuration or apply the schema.</summary>
internal sealed record SiloArguments(SiloMode Mode, string? ConfigPath, string[] HostArguments)
{
    /// <summary>The README's first command: the zero-set-up demo (<c>src/Demo</c>), which carries the simulators the silo does not.</summary>
    public const string DemoCommand = "dotnet run --project src/Demo";

    /// <summary>The parsed arguments, or null after printing a usage error to stderr.</summary>
    public static SiloArguments? TryParse(string[] args)
    {
        try
        {
            return Parse(args);
        }
        catch (ArgumentException ex)
        {
            Console.Error.WriteLine($"error: {ex.Message}");
            Console.Error.WriteLine("usage: AddonGrains.Silo [--config FILE] [--urls URL] | migrate");
            return null;
        }
    }

    public static SiloArguments Parse(string[] args)
    {
        var mode = SiloMode.Run;
        string? config = Environment.GetEnvironmentVariable("ADDONGRAINS_CONFIG");
        var rest = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--demo":
                    throw new ArgumentException($"--demo is no longer an option of the silo; the demo has a program of its own: {DemoCommand}");
                case "migrate":
                    mode = SiloMode.Migrate;
                    break;
                case "--config" when i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal):
                    config = args[++i];
                    break;
                case "--config":
                    throw new ArgumentException("--config needs a file path, e.g. --config /etc/addongrains/config.yaml");
                default:
                    rest.Add(args[i]);
                    break;
            }
        }

        return new SiloArguments(mode, config, [.. rest]);
    }
}

/// <summary>The silo's modes.</summary>
internal enum SiloMode
{
    Run,
    Migrate,
}
