using Orleans.Concurrency;
using Microsoft.Extensions.DependencyInjection;
using AddonGrains.Grains.Hosting;
using AddonGrains.Upstream.Jenkins;
using AddonGrains.Upstream.Ocm;

namespace AddonGrains.Grains.Validation;

/// <summary>
/// Checks the configuration against the live upstreams, on the silo (the credentials stay here): per OCM environment
/// a token and the add-on catalog, per organization its cluster listing, per subscription its Jenkins job and the
/// payload a trigger would send. Each check catches its own upstream failure, so one bad entry never hides another.
/// A stateless worker, so it runs on the silo that received the call (the CLI's gateway): the configuration, reload
/// and certificate it reports are that silo's, and <c>validate --gateway HOST:PORT</c> asks one silo in particular.
/// </summary>
[StatelessWorker(1)]
internal sealed partial class ValidationGrain(
    SettingsSource settingsSource,
    IOcmClientFactory ocm,
    IJenkinsClientFactory jenkins,
    TransportSecurity transport,
    [FromKeyedServices(Clock.Key)] TimeProvider clock,
    ILogger<ValidationGrain> logger) : Grain, IValidationGrain
{
    private static readonly TimeSpan RotateBefore = TimeSpan.FromDays(7);

    // One snapshot per validate call, so a reload in the middle never mixes two configurations.
    private AddonGrainsSettings Settings { get; set; } = settingsSource.Current;

    public async Task<ValidationReport> ValidateAsync(CancellationToken cancellationToken = default)
    {
        Settings = settingsSource.Current;
        // Bounded fan-out: every check is one or two upstream calls, and a slow Jenkins must not serialize the rest.
        using var gate = new SemaphoreSlim(Math.Max(1, Settings.Polling.OcmConcurrency));
        var jobs = new Dictionary<(string Instance, string Job), Task<JenkinsJob>>();
        var checks = new List<Task<ValidationCheck>>();
        if (transport.Certificate is { } certificate)
        {
            checks.Add(Task.FromResult(CheckCertificate(certificate)));
        }

        checks.AddRange(Settings.Ocm.Select(o => Gated(gate, () => CheckOcmAsync(o, cancellationToken), cancellationToken)));
        checks.AddRange(Settings.Organizations.Select(o => Gated(gate, () => CheckOrganizationAsync(o, cancellationToken), cancellationToken)));
        foreach (var organization in Settings.Organizations)
        {
            foreach (var test in organization.AddonUpgradeTests)
            {
                // One GET per job, even when several organizations subscribe to it.
                if (!jobs.TryGetValue((test.Instance, test.Name), out var job))
                {
                    job = Gated(gate, () => jenkins.Create(test.Instance).GetJobAsync(test.Name, cancellationToken), cancellationToken);
                    jobs.Add((test.Instance, test.Name), job);
                }

                checks.Add(CheckJobAsync(organization, test, job));
            }
        }

        if (settingsSource.Status.Describe() is { } stale)
        {
            // A reload that could not be applied: validate must say the silo does not run what the file says.
            checks.Add(Task.FromResult(ValidationCheck.Of("configuration", false, stale)));
        }

        var report = new ValidationReport([.. await Task.WhenAll(checks)], clock.GetUtcNow());
        var failed = report.Checks.Count(c => !c.Passed);
        LogValidated(logger, report.Checks.Length, failed);
        return report;
    }

    /// <summary>The silo's TLS certificate: fails once fewer than <see cref="RotateBefore"/> are left, so rotation is not forgotten.</summary>
    private ValidationCheck CheckCertificate(TransportCertificate certificate)
    {
        var left = certificate.NotAfter - clock.GetUtcNow();
        var until = certificate.NotAfter.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
        var detail = left <= TimeSpan.Zero
            ? $"'{certificate.Subject}' expired on {until}: new connections fail; rotate the files of Orleans__Tls__Certificate/Key now"
            : $"'{certificate.Subject}' valid until {until} ({left.TotalDays:0} days left)"
              + (left < RotateBefore ? $"; fewer than {RotateBefore.TotalDays:0} days: rotate it" : "");
        return ValidationCheck.Of("tls certificate", left >= RotateBefore, detail);
    }

    private async Task<ValidationCheck> CheckOcmAsync(OcmEnvironment environment, CancellationToken cancellationToken)
    {
        var subject = $"ocm {environment.Name}";
        try
        {
            var addons = await ocm.Create(environment.Name).ListAddonsAsync(cancellationToken);
            return ValidationCheck.Of(subject, true,
                $"token from {environment.AccessTokenUrl} for client '{environment.AccessTokenClientId}'; {environment.Url} lists {addons.Count} add-ons");
        }
        catch (Exception ex) when (ex is OcmException or KeyNotFoundException)
        {
            return ValidationCheck.Of(subject, false, ex.Message);
        }
    }

    private async Task<ValidationCheck> CheckOrganizationAsync(OrganizationSettings organization, CancellationToken cancellationToken)
    {
        var subject = $"organization {organization.Name}";
        try
        {
            var clusters = await ocm.Create(organization.Ocm).ListClustersAsync(organization.OrgId, organization.ProductIds, cancellationToken);
            var ready = clusters.Count(c => string.Equals(c.State, "ready", StringComparison.Ordinal));
            var detail = $"orgId {organization.OrgId} on ocm {organization.Ocm}: managed clusters: {clusters.Count}, ready: {ready}";
            return ValidationCheck.Of(subject, true, clusters.Count == 0 ? $"{detail} (no clusters: check the orgId)" : detail);
        }
        catch (Exception ex) when (ex is OcmException or KeyNotFoundException)
        {
            return ValidationCheck.Of(subject, false, $"orgId {organization.OrgId} on ocm {organization.Ocm}: {ex.Message}");
        }
    }

    private async Task<ValidationCheck> CheckJobAsync(OrganizationSettings organization, AddonUpgradeTest test, Task<JenkinsJob> lookup)
    {
        var subject = $"jenkins {test.Instance} job {test.Name} ({organization.Name}/{test.Addon})";
        JenkinsJob job;
        try
        {
            job = await lookup;
        }
        catch (Exception ex) when (ex is JenkinsException or KeyNotFoundException)
        {
            return ValidationCheck.Of(subject, false, ex.Message);
        }

        var plan = JobPlan.For(SampleRequest(organization, test), job);
        return new ValidationCheck(subject, job.Buildable, plan.Describe(job), plan.DeclaredOwn, plan.Payload, plan.Endpoint);
    }

    private TriggerRequest SampleRequest(OrganizationSettings organization, AddonUpgradeTest test) => new(
        JobPlan.TriggerIdPlaceholder, organization.Name, organization.OrgId, Settings.OcmFor(organization).Name, test.Addon,
        new TriggerEvent(0, JobPlan.VersionPlaceholder, JobPlan.PreviousVersionPlaceholder, UpgradeDirection.Upgrade, clock.GetUtcNow()),
        test.Instance, test.Name, test.Parameters);

    private static async Task<T> Gated<T>(SemaphoreSlim gate, Func<Task<T>> call, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            return await call();
        }
        finally
        {
            gate.Release();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Configuration validated: {Checks} checks, {Failed} failed")]
    private static partial void LogValidated(ILogger logger, int checks, int failed);
}
