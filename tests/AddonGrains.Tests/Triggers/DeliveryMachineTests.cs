using AddonGrains.Grains.Triggers;
using AddonGrains.Upstream.Jenkins;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace AddonGrains.Tests.Triggers;

/// <summary>The delivery steps without a silo: one step from each state, against a scripted Jenkins.</summary>
public sealed class DeliveryMachineTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);
    private static readonly TriggerRequest Request = new("ag-1", "acme", "org-1", "production", "my-addon",
        new TriggerEvent(1, "2.9.0", "2.8.0", UpgradeDirection.Upgrade, At), "ci-int", "e2e", []);
    private static readonly JenkinsBuild Building = new(7, new Uri("https://ci/job/e2e/7/"), true, null, 41, new Dictionary<string, string>());

    public static TheoryData<string, TriggerDelivery, ScriptedJenkins, TriggerStatus, int> Steps => new()
    {
        { "posts a buildable job", Pending(), new() { Job = Job(true) }, TriggerStatus.Dispatched, 1 },
        { "adopts an unconfirmed dispatch, no POST", Pending() with { DispatchStartedAt = At }, new() { Job = Job(true, "TRIGGER_ID"), Found = new(null, Building) }, TriggerStatus.Running, 0 },
        { "ends a job that cannot build", Pending(), new() { Job = Job(false) }, TriggerStatus.DeliveryFailed, 0 },
        { "a started queue item is running", Pending() with { Status = TriggerStatus.Dispatched, QueueId = 41 }, new() { Queue = new(41, JenkinsQueueItemState.Started, 7, null, null, new Dictionary<string, string>()) }, TriggerStatus.Running, 0 },
        { "a cancelled queue item ends", Pending() with { Status = TriggerStatus.Dispatched, QueueId = 41 }, new() { Queue = new(41, JenkinsQueueItemState.Cancelled, null, null, null, new Dictionary<string, string>()) }, TriggerStatus.Cancelled, 0 },
        { "a finished build gives its result", Pending() with { Status = TriggerStatus.Running, BuildNumber = 7 }, new() { Build = Building with { InProgress = false, Result = "UNSTABLE" } }, TriggerStatus.Unstable, 0 },
        { "a running build is polled", Pending() with { Status = TriggerStatus.Running, BuildNumber = 7 }, new() { Build = Building }, TriggerStatus.Running, 0 },
        { "a permanent error before dispatch ends", Pending(), new() { Failure = JenkinsFailureKind.Permanent }, TriggerStatus.DeliveryFailed, 0 },
        { "a transient error is retried", Pending(), new() { Failure = JenkinsFailureKind.Transient }, TriggerStatus.Pending, 0 },
        { "an instance not in the configuration ends", Pending(), new() { Unknown = true }, TriggerStatus.DeliveryFailed, 0 },
    };

    [Theory]
    [MemberData(nameof(Steps))]
    public async Task OneStep_MovesAsTheDeliveryRuleSays(string _, TriggerDelivery before, ScriptedJenkins jenkins, TriggerStatus after, int posts)
    {
        var saved = new List<TriggerDelivery>();
        var machine = Machine(before, saved);

        await machine.StepAsync(jenkins, CancellationToken.None);

        Assert.Equal((after, posts), (machine.Delivery.Status, jenkins.Posts));
        Assert.All(saved, d => Assert.Equal(At.AddMinutes(1), d.UpdatedAt));
    }

    [Fact]
    public async Task Dispatch_WritesTheAttemptBeforeThePostAndTheQueueItemAfter()
    {
        var saved = new List<TriggerDelivery>();
        var jenkins = new ScriptedJenkins { Job = Job(true) };

        var step = await Machine(Pending(), saved).StepAsync(jenkins, CancellationToken.None);

        Assert.Equal([(TriggerStatus.Pending, 1, (long?)null, true), (TriggerStatus.Dispatched, 1, 41, true)],
            saved.Select(d => (d.Status, d.Attempts, d.QueueId, d.DispatchStartedAt is not null)));
        Assert.Equal((new TriggerDeliveryOptions().PollInterval, null), (step.Next, step.Failure));
    }

    [Fact]
    public async Task TransientFailure_CountsItAndBacksOff()
    {
        var saved = new List<TriggerDelivery>();

        var step = await Machine(Pending(), saved).StepAsync(new ScriptedJenkins { Failure = JenkinsFailureKind.Auth }, CancellationToken.None);

        var d = Assert.Single(saved);
        Assert.Equal((1, "authentication/permission error: scripted"), (d.ConsecutiveFailures, d.LastError));
        Assert.Equal("scripted", step.Failure);
        Assert.InRange(step.Next, TimeSpan.FromSeconds(1.6), TimeSpan.FromSeconds(2.4));
    }

    private static TriggerDelivery Pending() => new() { Status = TriggerStatus.Pending, UpdatedAt = At };

    private static JenkinsJob Job(bool buildable, params string[] parameters) => new("e2e", buildable, parameters);

    private static DeliveryMachine Machine(TriggerDelivery delivery, List<TriggerDelivery> saved)
    {
        var clock = new FakeTimeProvider(At.AddMinutes(1));
        return new DeliveryMachine(Request, delivery, d => { saved.Add(d); return Task.CompletedTask; }, new TriggerDeliveryOptions(),
            new NoDeliveryProbe(), clock, NullLogger.Instance);
    }

    /// <summary>A Jenkins that answers each call from the script; <see cref="Failure"/> fails every call.</summary>
    public sealed class ScriptedJenkins : IJenkinsClientFactory, IJenkinsClient
    {
        public JenkinsJob? Job { get; init; }
        public JenkinsQueueItem? Queue { get; init; }
        public JenkinsBuild? Build { get; init; }
        public JenkinsTriggerMatch? Found { get; init; }
        public JenkinsFailureKind? Failure { get; init; }
        public bool Unknown { get; init; }
        public int Posts { get; private set; }

        public IJenkinsClient Create(string instanceName) => Unknown ? throw new KeyNotFoundException(instanceName) : this;

        public Task<JenkinsJob> GetJobAsync(string jobPath, CancellationToken cancellationToken = default) => Answer(Job!);

        public Task<long> TriggerAsync(string jobPath, IReadOnlyDictionary<string, string>? parameters, CancellationToken cancellationToken = default)
        {
            Posts++;
            return Answer(41L);
        }

        public Task<JenkinsQueueItem?> GetQueueItemAsync(long queueId, CancellationToken cancellationToken = default) => Answer(Queue);

        public Task<JenkinsBuild?> GetBuildAsync(string jobPath, int buildNumber, CancellationToken cancellationToken = default) => Answer(Build);

        public Task<JenkinsTriggerMatch?> FindTriggerAsync(string jobPath, string triggerId, long? queueId, CancellationToken cancellationToken = default) => Answer(Found);

        private Task<T> Answer<T>(T value) => Failure is { } kind ? Task.FromException<T>(new JenkinsException("scripted", kind, 500)) : Task.FromResult(value);
    }
}
