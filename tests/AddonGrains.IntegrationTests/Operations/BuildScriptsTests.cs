using AddonGrains.IntegrationTests.Processes;

namespace AddonGrains.IntegrationTests.Operations;

/// <summary>
/// build_deploy.sh and pr_check.sh at the repository root (App-SRE's CI entry points). The image build itself
/// (scripts/container-images.sh) and the container engine are stand-ins here that record how they were called.
/// </summary>
public sealed class BuildScriptsTests : IDisposable
{
    private static readonly string[] Scripts = ["build_deploy.sh", "pr_check.sh"];
    private readonly string _scratch = Directory.CreateTempSubdirectory("addongrains-build-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string Log => System.IO.Path.Combine(_scratch, "calls.log");

    [Fact]
    public async Task BuildDeploy_WithoutImage_BuildsWithTheShortCommit_AndPushesNothing()
    {
        var commit = (await ProcessRunner.RunCheckedAsync("git", ["-C", RepoPaths.Root, "rev-parse", "--short=7", "HEAD"], Ct)).Trim();

        var (exitCode, output) = await RunAsync(["-u", "IMAGE", "-u", "IMAGE_TAG", "-u", "QUAY_USER", "-u", "QUAY_TOKEN"]);

        Assert.True(exitCode == 0, output);
        Assert.Equal([$"build IMAGE_TAG={commit}"], await File.ReadAllLinesAsync(Log, Ct));
        Assert.Contains("IMAGE is not set, so nothing is pushed", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BuildDeploy_WithImage_TagsAndPushesThatTag_TokenOverStdinOnly()
    {
        var (exitCode, output) = await RunAsync(["IMAGE=quay.io/example/addongrains", "IMAGE_TAG=abc1234", "QUAY_USER=bot", "QUAY_TOKEN=s3cret-token"]);

        Assert.True(exitCode == 0, output);
        Assert.Equal(
            [
                "build IMAGE_TAG=abc1234",
                "engine login --username bot --password-stdin quay.io stdin=s3cret-token",
                "engine tag localhost/addongrains:abc1234 quay.io/example/addongrains:abc1234",
                "engine push quay.io/example/addongrains:abc1234",
            ],
            await File.ReadAllLinesAsync(Log, Ct));
        Assert.DoesNotContain("s3cret-token", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scripts_ParseAndPassShellcheck_PrCheckRunsCiRun()
    {
        var scripts = Scripts.Select(s => System.IO.Path.Combine(RepoPaths.Root, s)).ToArray();

        Assert.All(scripts, s => Assert.True(new FileInfo(s).UnixFileMode.HasFlag(UnixFileMode.UserExecute), $"{s} is not executable"));
        await ProcessRunner.RunCheckedAsync("bash", ["-n", .. scripts], Ct);
        Assert.Contains("exec ./.ci/run \"$@\"", await File.ReadAllTextAsync(scripts[1], Ct), StringComparison.Ordinal);
        if ((Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(d => File.Exists(System.IO.Path.Combine(d, "shellcheck"))))
        {
            var (exitCode, output) = await ProcessRunner.RunAsync("shellcheck", scripts, Ct);
            Assert.True(exitCode == 0, output);
        }
        else
        {
            await Console.Error.WriteLineAsync("shellcheck is not installed (apt-get install shellcheck): only bash -n checked the scripts");
        }
    }

    public void Dispose() => Directory.Delete(_scratch, recursive: true);

    /// <summary>Runs build_deploy.sh under <c>env</c> with stand-ins for the image build and the container engine.</summary>
    private async Task<(int ExitCode, string Output)> RunAsync(string[] env)
    {
        var builder = await StandInAsync("build", $"echo \"build IMAGE_TAG=$IMAGE_TAG\" >> '{Log}'; echo 'STEP 1/9: FROM …'; echo \"localhost/addongrains:$IMAGE_TAG\"");
        var engine = await StandInAsync("engine", $"if [ \"$1\" = login ]; then echo \"engine $* stdin=$(cat)\" >> '{Log}'; else echo \"engine $*\" >> '{Log}'; fi");
        return await ProcessRunner.RunAsync("env",
            [.. env, $"CONTAINER_IMAGES_SCRIPT={builder}", $"CONTAINER_ENGINE={engine}", System.IO.Path.Combine(RepoPaths.Root, "build_deploy.sh")], Ct);
    }

    private async Task<string> StandInAsync(string name, string body)
    {
        var path = System.IO.Path.Combine(_scratch, name);
        await File.WriteAllTextAsync(path, $"#!/usr/bin/env bash\nset -eu\n{body}\n", Ct);
        await ProcessRunner.RunCheckedAsync("chmod", ["+x", path], Ct);
        return path;
    }
}
