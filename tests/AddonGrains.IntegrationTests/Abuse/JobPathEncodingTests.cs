using AddonGrains.IntegrationTests.Processes;

namespace AddonGrains.IntegrationTests.Abuse;

/// <summary>
/// Job names with spaces, '#', '%', '?', non-ASCII letters and folders reach Jenkins as the right raw path
/// (each segment percent-encoded once, as Jenkins' Util.rawEncode does), end to end through a silo process.
/// </summary>
[Collection(AbuseProcessGroup.Name)]
[Trait("Category", "Chaos")]
public sealed class JobPathEncodingTests(PostgresFixture postgres)
{
    private const string UnicodeJob = "qa/ünïcode job #1 100%?";
    private const string SubDelimsJob = "team a/sub+dir/job&x=1;y";

    [Fact]
    public async Task Convergence_WithAwkwardJobNames_PostsTheEncodedPathOnceAndBuildsOnce()
    {
        await using var run = await ConvergenceRun.StartAsync(postgres, [UnicodeJob, SubDelimsJob], RunSecrets.Plain, secretsInFiles: false);

        await run.ConvergeAsync();

        var posts = run.Jenkins.Requests.Where(r => r.Method == "POST").ToList();
        TestContext.Current.SendDiagnosticMessage("POSTs: " + string.Join(" | ", posts.Select(p => $"{p.RawPath} -> {p.Status}")));
        var unicode = Assert.Single(posts, p => p.RawPath.StartsWith("/job/qa/", StringComparison.Ordinal));
        Assert.Equal("/job/qa/job/%C3%BCn%C3%AFcode%20job%20%231%20100%25%3F/buildWithParameters", unicode.RawPath);
        Assert.Equal(201, unicode.Status);
        var subDelims = Assert.Single(posts, p => p.RawPath.StartsWith("/job/team", StringComparison.Ordinal));
        Assert.Equal(["team a", "sub+dir", "job&x=1;y", "buildWithParameters"], JobSegments(subDelims.RawPath));
        Assert.Equal(201, subDelims.Status);
        Assert.Equal(2, posts.Count);
        Assert.All(run.Jenkins.Requests, r => Assert.NotEqual(404, r.Status));
        foreach (var job in run.Jobs)
        {
            var build = Assert.Single(run.Jenkins.Builds(job));
            Assert.Equal("SUCCESS", build.Result);
            Assert.Equal(ConvergenceRun.To, build.Parameters["ADDON_VERSION"]);
        }

        Assert.Equal(2, run.Silo.Output.Count(l => l.Contains(" ended Succeeded", StringComparison.Ordinal)));
    }

    /// <summary>"/job/a%20b/job/c/build" → ["a b", "c", "build"]: the names Jenkins resolves, one per segment.</summary>
    private static string[] JobSegments(string rawPath)
    {
        var segments = rawPath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return [.. segments.Where((_, i) => i % 2 == 1 || i == segments.Length - 1).Select(Uri.UnescapeDataString)];
    }
}
