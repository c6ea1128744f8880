using System.Net;

namespace AddonGrains.IntegrationTests.Operations;

/// <summary><c>/metrics</c> (Prometheus text) and the Orleans Dashboard option, after the scripted rollout.</summary>
[Collection(ScriptedRolloutGroup.Name)]
public sealed class MetricsTests(ScriptedRolloutFixture fixture)
{
    [Fact]
    public async Task Metrics_AfterScriptedRollout_ParseAndCarryRolloutInstruments()
    {
        var ct = TestContext.Current.CancellationToken;

        using var response = await fixture.Http.GetAsync(new Uri(fixture.Silo.HttpUrl, "metrics"), ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        var samples = PrometheusText.Parse(text);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        Assert.Contains(samples, s => s.Name == "addongrains_checks_total" && s.Labels.Contains("organization=\"ops-one\"", StringComparison.Ordinal) && s.Value > 0);
        Assert.Contains(samples, s => s.Name == "addongrains_builds_total" && s.Labels.Contains("result=\"SUCCESS\"", StringComparison.Ordinal) && s.Value == 1);
        Assert.Contains(samples, s => s.Name == "addongrains_triggers_total" && s.Labels.Contains("status=\"Succeeded\"", StringComparison.Ordinal));
        Assert.Contains(samples, s => s.Name == "addongrains_rollout_clusters_on_target" && s.Labels.Contains("organization=\"ops-one\"", StringComparison.Ordinal) && s.Value == 3);
        Assert.Contains(samples, s => s.Name == "addongrains_rollout_clusters_applicable" && s.Labels.Contains("organization=\"ops-two\"", StringComparison.Ordinal) && s.Value == 2);
        Assert.Contains(samples, s => s.Name == "addongrains_rollout_clusters_on_target" && s.Labels.Contains("organization=\"ops-two\"", StringComparison.Ordinal) && s.Value == 1);
        Assert.Contains(samples, s => s.Name.StartsWith("orleans_", StringComparison.Ordinal));

        // OCM requests by status (docs/observability.md): the HttpClient metric, told apart by server address and port.
        var ocm = $"server_port=\"{fixture.Ocm.BaseUrl.Port}\"";
        Assert.Contains(samples, s => s.Name == "http_client_request_duration_seconds_count" && s.Labels.Contains(ocm, StringComparison.Ordinal)
            && s.Labels.Contains("http_response_status_code=\"200\"", StringComparison.Ordinal) && s.Value > 0);
    }

    [Fact]
    public async Task Dashboard_WhenEnabled_ServesUnderDashboard()
    {
        var ct = TestContext.Current.CancellationToken;

        using var response = await fixture.Http.GetAsync(new Uri(fixture.Silo.HttpUrl, "dashboard/"), ct);
        var html = await response.Content.ReadAsStringAsync(ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<html", html, StringComparison.OrdinalIgnoreCase);
    }
}
