using System.Text;

namespace AddonGrains.IntegrationTests.Processes;

/// <summary>Waits that explain themselves: a timeout says what the rollout and its triggers last looked like, and shows each silo's log tail.</summary>
public sealed partial class ProcessScenario
{
    private const int TailLines = 40;

    /// <summary>
    /// Polls <paramref name="condition"/> until it holds; when it times out (or reading the cluster keeps failing),
    /// the exception carries <see cref="DescribeAsync"/>, so a failure in CI explains itself.
    /// </summary>
    public Task WaitAsync(Func<Task<bool>> condition, TimeSpan timeout, string what, CancellationToken ct = default) =>
        ExplainedAsync(async () =>
        {
            await Wait.UntilAsync(condition, timeout, what, cancellationToken: ct);
            return true;
        }, ct);

    /// <summary>Runs a wait; when it fails, the exception carries <see cref="DescribeAsync"/>.</summary>
    private async Task<T> ExplainedAsync<T>(Func<Task<T>> wait, CancellationToken ct)
    {
        try
        {
            return await wait();
        }
        catch (Exception ex) when (ex is TimeoutException or OrleansException or InvalidOperationException)
        {
            throw new TimeoutException($"{ex.Message}\n{await DescribeAsync(ct)}", ex);
        }
    }

    /// <summary>The rollout's status, its triggers and the tail of every silo's log, read best-effort.</summary>
    public async Task<string> DescribeAsync(CancellationToken ct = default)
    {
        var text = new StringBuilder();
        try
        {
            var grain = await RolloutAsync(ct);
            var status = await grain.GetStatusAsync(ct).WaitAsync(TimeSpan.FromSeconds(10), ct);
            text.AppendLine($"last seen: rollout phase {status.Phase}, last known version {status.LastKnownVersion ?? "none"}, target {status.TargetVersion ?? "none"}, " +
                $"{status.ClustersOnTarget}/{status.ClustersApplicable} clusters on target, error {status.LastError ?? "none"}");
            foreach (var t in await grain.GetHistoryAsync(ct).WaitAsync(TimeSpan.FromSeconds(10), ct))
            {
                text.AppendLine($"  trigger {t.Request.TriggerId} {t.Request.Job} {t.Request.Event.Version}: {t.Delivery.Status} (queue {t.Delivery.QueueId}, build {t.Delivery.BuildNumber}, updated {t.Delivery.UpdatedAt:O}) {t.Delivery.LastError}");
            }
        }
        catch (Exception ex) when (ex is OrleansException or TimeoutException or InvalidOperationException)
        {
            text.AppendLine($"last seen: the rollout could not be read ({ex.GetType().Name}: {ex.Message})");
        }

        text.AppendLine($"builds: {ParameterizedJob} {Jenkins.Builds(ParameterizedJob).Count}, {PlainJob} {Jenkins.Builds(PlainJob).Count}");
        foreach (var silo in _silos)
        {
            text.AppendLine($"--- {silo.Name} ({(silo.HasExited ? $"exited {silo.ExitCode}" : "running")}), last {TailLines} lines ---");
            text.AppendLine(silo.Tail(TailLines));
        }

        return text.ToString();
    }
}
