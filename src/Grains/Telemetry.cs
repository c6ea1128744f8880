using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace AddonGrains.Grains;

/// <summary>
/// The one ActivitySource and the one Meter of AddonGrains, both named <see cref="Name"/>. docs/observability.md lists
/// every span, attribute and metric defined here.
/// </summary>
public static class Telemetry
{
    /// <summary>Source and meter name.</summary>
    public const string Name = "AddonGrains";

    /// <summary>Metric label of the Jenkins instance and job of a trigger (Prometheus owns <c>job</c> and <c>instance</c>).</summary>
    public const string JenkinsInstanceLabel = "jenkins_instance";

    public const string JenkinsJobLabel = "jenkins_job";

    /// <summary>Span names.</summary>
    public const string CheckSpan = "check";

    public const string DispatchSpan = "trigger.dispatch";

    public const string FollowSpan = "trigger.follow";

    public static readonly ActivitySource Source = new(Name);

    public static readonly Meter Meter = new(Name);

    private static readonly ConcurrentDictionary<string, RolloutGauge> LatestRollouts = new(StringComparer.Ordinal);

    private static readonly ConcurrentDictionary<string, OpenTriggers> LatestTriggers = new(StringComparer.Ordinal);

    public static readonly Counter<long> Checks = Meter.CreateCounter<long>("addongrains.checks", unit: "{check}", description: "Checks by outcome (phase), per organization and add-on.");

    public static readonly Histogram<double> CheckDuration = Meter.CreateHistogram<double>("addongrains.check.duration", unit: "s", description: "Duration of one check.");

    public static readonly Counter<long> StateWrites = Meter.CreateCounter<long>("addongrains.state.writes", unit: "{write}", description: "Grain state writes by grain type.");

    public static readonly Counter<long> StateWriteFailures = Meter.CreateCounter<long>("addongrains.state.write_failures", unit: "{write}", description: "Grain state writes that failed (recovered at the grain's next call or tick), by grain type.");

    public static readonly Histogram<double> DeliveryLatency = Meter.CreateHistogram<double>("addongrains.trigger.delivery_latency", unit: "s", description: "From trigger creation to the queue item in Jenkins.");

    public static readonly Counter<long> BuildResults = Meter.CreateCounter<long>("addongrains.builds", unit: "{build}", description: "Finished builds by result.");

    public static readonly Counter<long> Triggers = Meter.CreateCounter<long>("addongrains.triggers", unit: "{transition}", description: "Trigger status transitions by status.");

    public static readonly ObservableGauge<long> ClustersApplicable = Meter.CreateObservableGauge(
        "addongrains.rollout.clusters.applicable", () => Observe(g => (long)g.Applicable), unit: "{cluster}",
        description: "Clusters that count for the add-on at the last conclusive check.");

    public static readonly ObservableGauge<long> ClustersOnTarget = Meter.CreateObservableGauge(
        "addongrains.rollout.clusters.on_target", () => Observe(g => (long)g.OnTarget), unit: "{cluster}",
        description: "Applicable clusters on the target version at the last conclusive check.");

    public static readonly ObservableGauge<double> RolloutAge = Meter.CreateObservableGauge(
        "addongrains.rollout.age", () => Observe(g => g.StartedAt is { } started ? Math.Max(0, (g.Clock.GetUtcNow() - started).TotalSeconds) : 0d),
        unit: "s", description: "Seconds since the rollout in progress started (0 when none is in progress).");

    public static readonly ObservableGauge<long> RolloutStalled = Meter.CreateObservableGauge(
        "addongrains.rollout.stalled", () => Observe(g => g.Stalled ? 1L : 0L), unit: "{rollout}",
        description: "1 while the rollout is stalled at the last conclusive check, else 0 (sum for the number of stalled rollouts).");

    public static readonly ObservableGauge<double> TriggerLatestAge = Meter.CreateObservableGauge(
        "addongrains.trigger.latest.age", ObserveOpenTriggers, unit: "s",
        description: "Per subscribed job: seconds since its newest trigger for the last known version was created, while that trigger is Pending, Dispatched, Running or DeliveryFailed (status label); absent otherwise.");

    /// <summary>Records the outcome and duration of one check.</summary>
    public static void RecordCheck(string organization, string addon, RolloutPhase phase, TimeSpan duration)
    {
        var tags = new TagList { { "organization", organization }, { "addon", addon }, { "phase", phase.ToString() } };
        Checks.Add(1, tags);
        CheckDuration.Record(duration.TotalSeconds, tags);
    }

    /// <summary>Tags the span of one check with its outcome; status Error with the reason when it was inconclusive.</summary>
    public static void TagCheck(Activity? activity, Decision.RolloutAssessment assessment, string? lastKnownVersion, int triggersCreated)
    {
        activity?.SetTag(Tags.Phase, assessment.Phase.ToString())
            .SetTag(Tags.TargetVersion, assessment.TargetVersion)
            .SetTag(Tags.LastKnownVersion, lastKnownVersion)
            .SetTag(Tags.ClustersTotal, assessment.ClustersTotal)
            .SetTag(Tags.ClustersApplicable, assessment.ClustersApplicable)
            .SetTag(Tags.ClustersOnTarget, assessment.ClustersOnTarget)
            .SetTag(Tags.ClustersExcluded, assessment.Excluded.Length)
            .SetTag(Tags.TriggersCreated, triggersCreated);
        if (assessment.Phase == RolloutPhase.Inconclusive)
        {
            activity?.SetStatus(ActivityStatusCode.Error, assessment.Error);
        }
    }

    /// <summary>
    /// Feeds the rollout gauges from the latest assessment of <paramref name="rolloutKey"/>. An inconclusive check
    /// keeps the cluster counts and the stalled flag of the last conclusive one.
    /// </summary>
    public static void RecordRollout(string rolloutKey, string organization, string addon, RolloutPhase phase,
        int applicable, int onTarget, DateTimeOffset? rolloutStartedAt, TimeProvider clock)
    {
        LatestRollouts.AddOrUpdate(rolloutKey,
            _ => new RolloutGauge(organization, addon, applicable, onTarget, phase == RolloutPhase.Stalled, rolloutStartedAt, clock),
            (_, previous) => phase == RolloutPhase.Inconclusive
                ? previous with { StartedAt = rolloutStartedAt, Clock = clock }
                : new RolloutGauge(organization, addon, applicable, onTarget, phase == RolloutPhase.Stalled, rolloutStartedAt, clock));
    }

    /// <summary>Stops reporting gauges for <paramref name="rolloutKey"/> (stopped or deactivated rollout).</summary>
    public static void ForgetRollout(string rolloutKey)
    {
        LatestRollouts.TryRemove(rolloutKey, out _);
        LatestTriggers.TryRemove(rolloutKey, out _);
    }

    /// <summary>
    /// Replaces what <see cref="TriggerLatestAge"/> reports for <paramref name="rolloutKey"/>: the newest trigger of
    /// each job that is unfinished or ended DeliveryFailed (the rollout grain decides which, at each check).
    /// </summary>
    public static void RecordOpenTriggers(string rolloutKey, string organization, string addon, IReadOnlyList<OpenTrigger> triggers, TimeProvider clock) =>
        LatestTriggers[rolloutKey] = new OpenTriggers(organization, addon, [.. triggers], clock);

    /// <summary>Counts one status transition of a trigger.</summary>
    public static void RecordTrigger(TriggerRequest request, TriggerStatus status) =>
        Triggers.Add(1, TriggerTags(request, "status", status.ToString()));

    /// <summary>Records the delivery latency of a trigger (creation to queue item).</summary>
    public static void RecordDelivery(TriggerRequest request, TimeSpan latency) =>
        DeliveryLatency.Record(latency.TotalSeconds, TriggerTags(request));

    /// <summary>Counts one finished build by its Jenkins result.</summary>
    public static void RecordBuild(TriggerRequest request, string? result) =>
        BuildResults.Add(1, TriggerTags(request, "result", result ?? "unknown"));

    private static TagList TriggerTags(TriggerRequest request, string? key = null, string? value = null)
    {
        // Not "job"/"instance": Prometheus sets those on every scraped series (the scrape job and target).
        var tags = new TagList
        {
            { "organization", request.Organization }, { "addon", request.Addon },
            { JenkinsInstanceLabel, request.Instance }, { JenkinsJobLabel, request.Job },
        };
        if (key is not null)
        {
            tags.Add(key, value);
        }

        return tags;
    }

    private static IEnumerable<Measurement<T>> Observe<T>(Func<RolloutGauge, T> value)
        where T : struct =>
        LatestRollouts.Values.Select(g => new Measurement<T>(value(g),
            new KeyValuePair<string, object?>("organization", g.Organization), new KeyValuePair<string, object?>("addon", g.Addon)));

    private static IEnumerable<Measurement<double>> ObserveOpenTriggers() =>
        LatestTriggers.Values.SelectMany(r => r.Triggers.Select(t => new Measurement<double>(
            Math.Max(0, (r.Clock.GetUtcNow() - t.CreatedAt).TotalSeconds),
            new KeyValuePair<string, object?>("organization", r.Organization), new KeyValuePair<string, object?>("addon", r.Addon),
            new KeyValuePair<string, object?>(JenkinsInstanceLabel, t.Instance), new KeyValuePair<string, object?>(JenkinsJobLabel, t.Job),
            new KeyValuePair<string, object?>("status", t.Status.ToString()))));

    /// <summary>One job's newest trigger as <see cref="TriggerLatestAge"/> reports it.</summary>
    public sealed record OpenTrigger(string Instance, string Job, TriggerStatus Status, DateTimeOffset CreatedAt);

    private sealed record OpenTriggers(string Organization, string Addon, ImmutableArray<OpenTrigger> Triggers, TimeProvider Clock);

    private sealed record RolloutGauge(string Organization, string Addon, int Applicable, int OnTarget, bool Stalled,
        DateTimeOffset? StartedAt, TimeProvider Clock);

    /// <summary>Span attribute names.</summary>
    public static class Tags
    {
        public const string Organization = "addongrains.organization";
        public const string Addon = "addongrains.addon";
        public const string Phase = "addongrains.phase";
        public const string TargetVersion = "addongrains.target_version";
        public const string LastKnownVersion = "addongrains.last_known_version";
        public const string ClustersTotal = "addongrains.clusters.total";
        public const string ClustersApplicable = "addongrains.clusters.applicable";
        public const string ClustersOnTarget = "addongrains.clusters.on_target";
        public const string ClustersExcluded = "addongrains.clusters.excluded";
        public const string TriggersCreated = "addongrains.triggers.created";
        public const string TriggerId = "addongrains.trigger.id";
        public const string Job = "addongrains.trigger.job";
        public const string Instance = "addongrains.trigger.instance";
        public const string Version = "addongrains.trigger.version";
        public const string QueueId = "addongrains.trigger.queue_id";
        public const string BuildNumber = "addongrains.trigger.build_number";
        public const string Status = "addongrains.trigger.status";
        public const string Result = "addongrains.trigger.result";
        public const string Actor = "addongrains.manual.actor";
        public const string ActorAuthenticated = "addongrains.manual.actor_authenticated";
        public const string Reason = "addongrains.manual.reason";
    }
}
