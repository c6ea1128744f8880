using System.CommandLine;
using System.Reflection;
using System.Text.RegularExpressions;
using AddonGrains.Client;
using AddonGrains.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace AddonGrains.Tests.Cli;

/// <summary>
/// docs/cli.md stays the reference of the CLI: every command has its section with each of its options, and every exit
/// code is in the exit-code table with its number.
/// </summary>
public sealed class CliDocTests
{
    private static readonly string Doc = RepositoryDocs.Read("cli.md");

    private static readonly RootCommand Root = AddonGrainsCli.CreateRootCommand(new ServiceCollection().BuildServiceProvider());

    public static TheoryData<string> Commands() => [.. Root.Subcommands.Select(c => c.Name)];

    [Theory]
    [MemberData(nameof(Commands))]
    public void EveryCommand_HasItsSection_NamingEachOfItsOptions(string name)
    {
        var command = Root.Subcommands.Single(c => c.Name == name);
        var section = Regex.Match(Doc, $@"^### {Regex.Escape(name)}\n(.*?)(?=^##)", RegexOptions.Multiline | RegexOptions.Singleline);
        Assert.True(section.Success, $"docs/cli.md has no '### {name}' section");
        foreach (var option in command.Options)
        {
            Assert.True(section.Groups[1].Value.Contains(option.Name, StringComparison.Ordinal),
                $"docs/cli.md, '### {name}': option {option.Name} is not described");
        }
    }

    public static TheoryData<string, int> ExitCodeValues()
    {
        var codes = new TheoryData<string, int>();
        foreach (var field in typeof(ExitCodes).GetFields(BindingFlags.Public | BindingFlags.Static))
        {
            codes.Add(field.Name, (int)field.GetRawConstantValue()!);
        }
        return codes;
    }

    [Theory]
    [MemberData(nameof(ExitCodeValues))]
    public void EveryExitCode_IsInTheTable_WithItsNumber(string name, int code) =>
        Assert.Matches(new Regex($@"^\| {code} \| {name} \|", RegexOptions.Multiline), Doc);
}
