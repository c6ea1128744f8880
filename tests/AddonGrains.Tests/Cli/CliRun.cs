using System.Text.Json;

namespace AddonGrains.Tests.Cli;

/// <summary>What one CLI invocation produced: the exit code, JSON/data on stdout, tables, and messages on stderr.</summary>
internal sealed record CliRun(int ExitCode, string Stdout, string Table, string Stderr)
{
    public JsonElement Json => JsonDocument.Parse(Stdout).RootElement;

    public override string ToString() => $"exit {ExitCode}\nstdout: {Stdout}\ntable:\n{Table}\nstderr: {Stderr}";
}
