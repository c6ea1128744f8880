using System.Diagnostics;
using System.Text;
using AddonGrains.Simulators.Jenkins;
using AddonGrains.Simulators.Ocm;
using OpenTelemetry.Metrics;
using GrainTelemetry = AddonGrains.Grains.Telemetry;

namespace AddonGrains.Tests.Telemetry;

public sealed class TelemetryTests(TelemetryFixture fixture) : IClassFixture<TelemetryFixture>
{
    private const string OrleansGrainCalls = "Microsoft.Orleans.Application";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private IRolloutGrain Rollout(string organization) => fixture.Grains.GetGrain<IRolloutGrain>(RolloutKey.For(organization, "acm"));

    [Fact]
    public async Task CheckThatTriggersJenkins_IsOneTrace_OfCheckOcmCallsGrainCallsAndPost_AndFollowUpsLinkBack()
    {
        var grain = Rollout("otel-trace");
        fixture.Fleet("org-otel-trace", "1.0.0", "ot-a", "ot-b");
        await grain.CheckAsync(Ct);
        fixture.Fleet("org-otel-trace", "1.1.0", "ot-a", "ot-b");
        ActivityTraceId traceId;
        ActivitySpanId rootId;
        using (var root = TelemetryFixture.TestSource.StartActivity("test converges otel-trace"))
        {
            Assert.NotNull(root);
            (traceId, rootId) = (root.TraceId, root.SpanId);
            await grain.CheckAsync(Ct);
        }

        var history = await Wait.UntilAsync(() => grain.GetHistoryAsync(Ct), h => h.Length == 1 && h[0].Delivery.Status == TriggerStatus.Succeeded,
            TimeSpan.FromSeconds(30), "the build to succeed", cancellationToken: Ct);
        var triggerId = history[0].Request.TriggerId;
        var follows = await Wait.UntilAsync(() => Task.FromResult(SpansOf(GrainTelemetry.FollowSpan, triggerId)),
            f => f.Any(a => Tag(a, GrainTelemetry.Tags.Result) == "SUCCESS"), TimeSpan.FromSeconds(10), "the follow-up span that saw the result", cancellationToken: Ct);

        var trace = fixture.Spans.Snapshot().Where(a => a.TraceId == traceId).ToList();
        var byId = trace.ToDictionary(a => a.SpanId);
        var check = Assert.Single(trace, a => a.Source.Name == GrainTelemetry.Name && a.OperationName == GrainTelemetry.CheckSpan);
        Assert.True(Descends(check, rootId, byId), "the check span descends from the test's root");
        Assert.Contains(Ancestors(check, byId), a => a.Source.Name == OrleansGrainCalls);
        Assert.Equal(("otel-trace", "acm", "Idle", "1.1.0"),
            (Tag(check, GrainTelemetry.Tags.Organization), Tag(check, GrainTelemetry.Tags.Addon), Tag(check, GrainTelemetry.Tags.Phase), Tag(check, GrainTelemetry.Tags.TargetVersion)));
        Assert.Equal(("2", "2", "2", "0", "1"), (Tag(check, GrainTelemetry.Tags.ClustersTotal), Tag(check, GrainTelemetry.Tags.ClustersApplicable),
            Tag(check, GrainTelemetry.Tags.ClustersOnTarget), Tag(check, GrainTelemetry.Tags.ClustersExcluded), Tag(check, GrainTelemetry.Tags.TriggersCreated)));

        // OCM: the cluster list, then per cluster one add-on list and one status read from the add-on service (the
        // default), each under a grain call under the check.
        var ocmGets = trace.Where(a => IsHttp(a, "GET", fixture.Ocm.BaseUrl) && Url(a).Contains("/v1/clusters", StringComparison.Ordinal)).ToList();
        Assert.Contains(ocmGets, a => Url(a).Contains("/api/clusters_mgmt/v1/clusters?", StringComparison.Ordinal));
        Assert.Equal(2, ocmGets.Count(a => Url(a).Contains("/api/addons_mgmt/v1/clusters/", StringComparison.Ordinal) && Url(a).Contains("/addons?", StringComparison.Ordinal)));
        Assert.Equal(2, ocmGets.Count(a => Url(a).Contains("/status/acm", StringComparison.Ordinal)));
        Assert.All(ocmGets, a =>
        {
            Assert.True(Descends(a, check.SpanId, byId), $"{Url(a)} descends from the check");
            Assert.Contains(Ancestors(a, byId).TakeWhile(p => p != check), p => p.Source.Name == OrleansGrainCalls);
        });

        // Jenkins: exactly one POST, under the dispatch span, under a grain call, under the check.
        var post = Assert.Single(trace, a => IsHttp(a, "POST", fixture.Jenkins.BaseUrl));
        Assert.Contains($"/job/{TelemetryFixture.Job}/build", Url(post), StringComparison.Ordinal);
        var dispatch = Assert.Single(Ancestors(post, byId), a => a.OperationName == GrainTelemetry.DispatchSpan);
        Assert.True(Descends(dispatch, check.SpanId, byId), "the dispatch span descends from the check");
        Assert.Contains(Ancestors(dispatch, byId).TakeWhile(p => p != check), p => p.Source.Name == OrleansGrainCalls);
        Assert.Equal((triggerId, TelemetryFixture.Job, "Dispatched"),
            (Tag(dispatch, GrainTelemetry.Tags.TriggerId), Tag(dispatch, GrainTelemetry.Tags.Job), Tag(dispatch, GrainTelemetry.Tags.Status)));
        Assert.Equal(history[0].Delivery.QueueId?.ToString(System.Globalization.CultureInfo.InvariantCulture), Tag(dispatch, GrainTelemetry.Tags.QueueId));
        Assert.DoesNotContain(trace, a => a.OperationName == GrainTelemetry.FollowSpan);

        // Follow-ups: each its own trace, linked to the context that submitted the trigger inside the check's trace.
        Assert.All(follows, f =>
        {
            Assert.NotEqual(traceId, f.TraceId);
            Assert.Equal(default, f.ParentSpanId);
            var link = Assert.Single(f.Links);
            Assert.Equal(traceId, link.Context.TraceId);
            Assert.True(byId.TryGetValue(link.Context.SpanId, out var linked) && Descends(linked, check.SpanId, byId),
                "the link points into the check's call chain");
        });
        var last = follows.Single(a => Tag(a, GrainTelemetry.Tags.Result) == "SUCCESS");
        Assert.Equal(("Succeeded", history[0].Delivery.BuildNumber?.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            (Tag(last, GrainTelemetry.Tags.Status), Tag(last, GrainTelemetry.Tags.BuildNumber)));
        Assert.Contains(fixture.Spans.Snapshot(), a => a.TraceId == last.TraceId && IsHttp(a, "GET", fixture.Jenkins.BaseUrl) && a.ParentSpanId == last.SpanId);
    }

    [Fact]
    public async Task ScriptedRollout_RecordsChecksGaugesTriggersBuildsAndOcmRequests()
    {
        var grain = Rollout("otel-metrics");
        fixture.Fleet("org-otel-metrics", "1.0.0", "om-a", "om-b", "om-c");
        await grain.CheckAsync(Ct);
        fixture.Fleet("org-otel-metrics", "1.1.0", "om-a");
        var moving = await grain.CheckAsync(Ct);
        Assert.Equal(RolloutPhase.RollingOut, moving.Phase);

        var during = fixture.CollectMetrics();
        Assert.Equal(1, Gauge(during, "addongrains.rollout.clusters.on_target", "otel-metrics"));
        Assert.Equal(3, Gauge(during, "addongrains.rollout.clusters.applicable", "otel-metrics"));
        Assert.True(GaugeDouble(during, "addongrains.rollout.age", "otel-metrics") > 0, "a rollout in progress has an age");
        Assert.Equal(0, Gauge(during, "addongrains.rollout.stalled", "otel-metrics"));

        fixture.Fleet("org-otel-metrics", "1.1.0", "om-b", "om-c");
        await grain.CheckAsync(Ct);
        await Wait.UntilAsync(() => grain.GetHistoryAsync(Ct), h => h.Length == 1 && h[0].Delivery.Status == TriggerStatus.Succeeded,
            TimeSpan.FromSeconds(30), "the build to succeed", cancellationToken: Ct);

        var after = fixture.CollectMetrics();
        var checks = Points(after, "addongrains.checks", "otel-metrics").ToDictionary(p => TagOf(p, "phase")!, p => p.GetSumLong());
        Assert.Equal(new Dictionary<string, long> { ["Idle"] = 2, ["RollingOut"] = 1 }, checks);
        Assert.Equal(3, Points(after, "addongrains.check.duration", "otel-metrics").Sum(p => p.GetHistogramCount()));
        Assert.Equal(3, Gauge(after, "addongrains.rollout.clusters.on_target", "otel-metrics"));
        Assert.Equal(3, Gauge(after, "addongrains.rollout.clusters.applicable", "otel-metrics"));
        Assert.Equal(0, GaugeDouble(after, "addongrains.rollout.age", "otel-metrics"));
        Assert.Equal(0, Gauge(after, "addongrains.rollout.stalled", "otel-metrics"));

        var triggers = Points(after, "addongrains.triggers", "otel-metrics").ToDictionary(p => TagOf(p, "status")!, p => p.GetSumLong());
        Assert.Equal(new Dictionary<string, long> { ["Pending"] = 1, ["Dispatched"] = 1, ["Running"] = 1, ["Succeeded"] = 1 }, triggers);
        var build = Assert.Single(Points(after, "addongrains.builds", "otel-metrics"));
        Assert.Equal(("SUCCESS", TelemetryFixture.Job, 1L), (TagOf(build, "result"), TagOf(build, "jenkins_job"), build.GetSumLong()));
        Assert.Equal(1, Assert.Single(Points(after, "addongrains.trigger.delivery_latency", "otel-metrics")).GetHistogramCount());

        // The HttpClient instrumentation is wired: OCM requests by status, told apart by the OCM's address and port
        // (the fixture's meter provider keeps to its own host's instruments: OwnMeters).
        Assert.Contains(PointsOf(after, "http.client.request.duration"), p => TagOf(p, "server.address") == "127.0.0.1"
            && Equals(TagValue(p, "server.port"), fixture.Ocm.BaseUrl.Port)
            && Equals(TagValue(p, "http.response.status_code"), 200) && p.GetHistogramCount() > 0);

        // Orleans and runtime meters come with the silo wiring.
        // Orleans creates some of its instruments with the components that use them: on a busy machine the first
        // collection can come before any has a point, so collect until one has (the runtime's are there at once).
        var withOrleans = await Wait.UntilAsync(() => Task.FromResult(fixture.CollectMetrics()), m => m.Keys.Any(n => n.StartsWith("orleans", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(30), "an Orleans meter to report", m => string.Join(", ", m.Keys), interval: TimeSpan.FromMilliseconds(200), cancellationToken: Ct);
        Assert.Contains(withOrleans.Keys, n => n.StartsWith("dotnet.", StringComparison.Ordinal) || n.StartsWith("process.runtime.dotnet.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task EndToEndRun_WithUpstreamHiccups_KeepsSecretsOutOfLogsSpansAndMetrics_AndLogsCarryTraceIds()
    {
        var grain = Rollout("otel-secrets");
        fixture.Fleet("org-otel-secrets", "1.0.0", "os-a", "os-b");
        await grain.CheckAsync(Ct);
        fixture.Fleet("org-otel-secrets", "1.1.0", "os-a", "os-b");
        fixture.Ocm.InjectFault(OcmRoutes.Clusters, new OcmFault { StatusCode = 503 });
        fixture.Jenkins.InjectFault(new JenkinsSimFault { PathContains = $"/job/{TelemetryFixture.FlakyJob}/build", StatusCode = 503, Count = 1 });
        await grain.CheckAsync(Ct);
        var history = await Wait.UntilAsync(() => grain.GetHistoryAsync(Ct), h => h.Length == 2 && h.All(t => t.Delivery.Status == TriggerStatus.Succeeded),
            TimeSpan.FromSeconds(30), "both builds to succeed", cancellationToken: Ct);
        fixture.CollectMetrics();
        fixture.FlushTracesAndLogs();

        var logs = fixture.Logs.Records.Snapshot().Concat(fixture.OtelLogs.Snapshot()).ToList();
        var spans = fixture.Spans.Snapshot();
        var metrics = fixture.Metrics.Snapshot();
        Assert.Contains(logs, l => l.Message.Contains(history[0].Request.TriggerId, StringComparison.Ordinal));
        Assert.Contains(spans, s => s.OperationName == GrainTelemetry.CheckSpan && Tag(s, GrainTelemetry.Tags.Organization) == "otel-secrets");
        Assert.Contains(metrics, m => m.Name == "addongrains.checks");

        var secrets = new[]
        {
            TelemetryFixture.OcmClientSecret,
            TelemetryFixture.JenkinsToken,
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{TelemetryFixture.JenkinsUser}:{TelemetryFixture.JenkinsToken}")),
        };
        var texts = logs.SelectMany(l => l.Texts().Select(t => ($"log {l.Source} {l.Category}", t)))
            .Concat(spans.SelectMany(s => SpanTexts(s).Select(t => ($"span {s.Source.Name} {s.DisplayName}", t))))
            .Concat(metrics.SelectMany(m => MetricTexts(m).Select(t => ($"metric {m.Name}", t))))
            .ToList();
        Assert.True(texts.Count > 500, $"the run was captured ({texts.Count} texts)");
        foreach (var secret in secrets)
        {
            var leaks = texts.Where(t => t.Item2.Contains(secret, StringComparison.Ordinal)).Select(t => t.Item1).Distinct().ToList();
            Assert.True(leaks.Count == 0, $"a secret appears in: {string.Join("; ", leaks)}");
        }

        // Trace ids are attached: the record of a trigger accepted inside the check carries the check's trace id.
        var check = spans.Single(s => s.OperationName == GrainTelemetry.CheckSpan && Tag(s, GrainTelemetry.Tags.Organization) == "otel-secrets"
            && Tag(s, GrainTelemetry.Tags.TriggersCreated) == "2");
        var accepted = fixture.OtelLogs.Snapshot().Where(l => l.Message.Contains(" accepted", StringComparison.Ordinal)
            && history.Any(t => l.Message.Contains(t.Request.TriggerId, StringComparison.Ordinal))).ToList();
        Assert.Equal(2, accepted.Count);
        Assert.All(accepted, l => Assert.Equal(check.TraceId.ToHexString(), l.TraceId));
    }

    private List<Activity> SpansOf(string name, string triggerId) =>
        fixture.Spans.Snapshot().Where(a => a.OperationName == name && Tag(a, GrainTelemetry.Tags.TriggerId) == triggerId).ToList();

    private static string? Tag(Activity activity, string key) => activity.GetTagItem(key) switch
    {
        null => null,
        IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        var v => v.ToString(),
    };

    private static string Url(Activity activity) => Tag(activity, "url.full") ?? "";

    private static bool IsHttp(Activity activity, string method, Uri server) =>
        activity.Kind == ActivityKind.Client && Tag(activity, "http.request.method") == method
        && Url(activity).StartsWith(server.GetLeftPart(UriPartial.Authority), StringComparison.Ordinal);

    private static IEnumerable<Activity> Ancestors(Activity activity, Dictionary<ActivitySpanId, Activity> byId)
    {
        var current = activity;
        while (current.ParentSpanId != default && byId.TryGetValue(current.ParentSpanId, out var parent))
        {
            yield return parent;
            current = parent;
        }
    }

    private static bool Descends(Activity activity, ActivitySpanId ancestor, Dictionary<ActivitySpanId, Activity> byId) =>
        activity.SpanId == ancestor || activity.ParentSpanId == ancestor || Ancestors(activity, byId).Any(a => a.SpanId == ancestor || a.ParentSpanId == ancestor);

    private static IEnumerable<string> SpanTexts(Activity s) =>
        new[] { s.DisplayName, s.OperationName, s.StatusDescription ?? "", s.TraceStateString ?? "" }
            .Concat(s.TagObjects.Select(t => $"{t.Key}={t.Value}"))
            .Concat(s.Events.SelectMany(e => e.Tags.Select(t => $"{t.Key}={t.Value}").Prepend(e.Name)))
            .Concat(s.Links.SelectMany(l => (l.Tags ?? []).Select(t => $"{t.Key}={t.Value}")))
            .Concat(s.Baggage.Select(b => $"{b.Key}={b.Value}"));

    private static IEnumerable<string> MetricTexts(MetricSnapshot m) =>
        m.MetricPoints.SelectMany(p => Tags(p).Select(t => $"{t.Key}={t.Value}")).Prepend(m.Description).Prepend(m.Name);

    private static List<KeyValuePair<string, object?>> Tags(MetricPoint point)
    {
        var tags = new List<KeyValuePair<string, object?>>();
        foreach (var tag in point.Tags)
        {
            tags.Add(tag);
        }

        return tags;
    }

    private static object? TagValue(MetricPoint point, string key) => Tags(point).FirstOrDefault(t => t.Key == key).Value;

    private static string? TagOf(MetricPoint point, string key) => TagValue(point, key)?.ToString();

    private static IEnumerable<MetricPoint> PointsOf(IReadOnlyDictionary<string, MetricSnapshot> metrics, string name) =>
        metrics.TryGetValue(name, out var metric) ? metric.MetricPoints : [];

    private static IEnumerable<MetricPoint> Points(IReadOnlyDictionary<string, MetricSnapshot> metrics, string name, string organization) =>
        PointsOf(metrics, name).Where(p => TagOf(p, "organization") == organization);

    private static long Gauge(IReadOnlyDictionary<string, MetricSnapshot> metrics, string name, string organization) =>
        Assert.Single(Points(metrics, name, organization)).GetGaugeLastValueLong();

    private static double GaugeDouble(IReadOnlyDictionary<string, MetricSnapshot> metrics, string name, string organization) =>
        Assert.Single(Points(metrics, name, organization)).GetGaugeLastValueDouble();
}
