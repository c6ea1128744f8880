using System.Net;
using AddonGrains.IntegrationTests.Processes;

namespace AddonGrains.IntegrationTests.Operations;

/// <summary>The status page at <c>/</c>, loaded in headless Chromium after the scripted rollout.</summary>
[Collection(ScriptedRolloutGroup.Name)]
public sealed class StatusPageTests(ScriptedRolloutFixture fixture)
{
    [Fact]
    public async Task StatusPage_AfterScriptedRollout_ShowsProgressBuildResultAndLink()
    {
        var ct = TestContext.Current.CancellationToken;
        await Chromium.EnsureInstalledAsync(ct);

        // UPDATE_DOCS_SCREENSHOT=1 refreshes the picture in docs/operations.md; otherwise the tree stays untouched.
        var screenshot = Environment.GetEnvironmentVariable("UPDATE_DOCS_SCREENSHOT") == "1"
            ? Path.Combine(RepoPaths.Root, "docs", "images", "status-page.png")
            : Path.Combine(Path.GetTempPath(), $"status-page-{Guid.NewGuid():N}.png");
        var dom = await Chromium.DumpDomAsync(fixture.Silo.HttpUrl, ct);
        await Chromium.ScreenshotAsync(fixture.Silo.HttpUrl, screenshot, ct);

        var one = Section(dom, "ops-one/acm");
        Assert.Contains("data-phase=\"Idle\"", one, StringComparison.Ordinal);
        Assert.Contains("3 / 3 on target", one, StringComparison.Ordinal);
        Assert.Contains("width:100%", one, StringComparison.Ordinal);
        Assert.Contains("<tr class=\"trigger\" data-status=\"Succeeded\">", one, StringComparison.Ordinal);
        Assert.Contains("<td class=\"result\">SUCCESS</td>", one, StringComparison.Ordinal);
        Assert.Contains($"<a class=\"build\" rel=\"noreferrer\" href=\"{fixture.Jenkins.BaseUrl}job/qe/", one, StringComparison.Ordinal);
        Assert.Contains(">#1</a>", one, StringComparison.Ordinal);
        var two = Section(dom, "ops-two/acm");
        Assert.Contains("data-phase=\"RollingOut\"", two, StringComparison.Ordinal);
        Assert.Contains("1 / 2 on target", two, StringComparison.Ordinal);
        Assert.Contains("width:50%", two, StringComparison.Ordinal);
        var png = await File.ReadAllBytesAsync(screenshot, ct);
        Assert.True(png.Length > 10_000 && png[1] == 'P' && png[2] == 'N' && png[3] == 'G', $"not a screenshot: {png.Length} bytes");
    }

    [Fact]
    public async Task StatusPage_NamesWithMarkup_AreShownAsTextAndNeverRun()
    {
        var ct = TestContext.Current.CancellationToken;
        await Chromium.EnsureInstalledAsync(ct);

        var dom = await Chromium.DumpDomAsync(fixture.Silo.HttpUrl, ct);

        // Serialized DOM: text nodes carry &lt; &gt; and a literal quote. An injected element would appear as markup.
        Assert.Contains("ci: qe/&lt;script&gt;document.title='pwned'&lt;/script&gt;", dom, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;document.title='pwned-by-ocm'&lt;/script&gt;", Section(dom, "ops-two/acm"), StringComparison.Ordinal);
        Assert.DoesNotContain("<script", dom, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("<title>AddonGrains rollouts</title>", dom, StringComparison.Ordinal);
        Assert.DoesNotContain("pwned</title>", dom, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StatusPage_Response_IsReadOnlyHtmlThatRefreshesAndRunsNoScript()
    {
        var ct = TestContext.Current.CancellationToken;

        using var response = await fixture.Http.GetAsync(fixture.Silo.HttpUrl, ct);
        var html = await response.Content.ReadAsStringAsync(ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("default-src 'none';", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Contains("<meta http-equiv=\"refresh\" content=\"5\">", html, StringComparison.Ordinal);
        Assert.Contains("qe/&lt;script&gt;document.title=&#x27;pwned&#x27;&lt;/script&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("token", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("secret", html, StringComparison.OrdinalIgnoreCase);
    }

    private static string Section(string dom, string key)
    {
        var start = dom.IndexOf($"data-key=\"{key}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no section for {key} in:\n{dom}");
        var end = dom.IndexOf("</section>", start, StringComparison.Ordinal);
        return dom[start..end];
    }
}
