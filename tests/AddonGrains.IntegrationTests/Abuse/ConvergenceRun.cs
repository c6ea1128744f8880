using AddonGrains.IntegrationTests.Processes;
using AddonGrains.Simulators.Jenkins;
using AddonGrains.Simulators.Ocm;

namespace AddonGrains.IntegrationTests.Abuse;

/// <summary>
/// A silo process on an empty PostgreSQL database against both simulators (in the test process, over HTTP), for one
/// organization whose two clusters run <see cref="Addon"/> <see cref="From"/>. <see cref="ConvergeAsync"/> waits for
/// the baseline, moves the fleet to <see cref="To"/> and waits until every job's trigger has ended.
/// </summary>
internal sealed class ConvergenceRun : IAsyncDisposable
{
    public const string Org = "abuse-org";
    public const string OrgId = "abuse-org-1";
    public const string Addon = "acm";
    public const string From = "1.0.0";
    public const string To = "1.1.0";
    public static readonly string[] Clusters = ["abuse-c1", "abuse-c2"];

    private readonly string _dir;

    private ConvergenceRun(OcmSimulator ocm, JenkinsSimulator jenkins, SiloProcess silo, string dir, IReadOnlyList<string> jobs)
    {
        Ocm = ocm;
        Jenkins = jenkins;
        Silo = silo;
        _dir = dir;
        Jobs = jobs;
    }

    public OcmSimulator Ocm { get; }

    public JenkinsSimulator Jenkins { get; }

    public SiloProcess Silo { get; }

    public IReadOnlyList<string> Jobs { get; }

    /// <summary>
    /// Starts everything. <paramref name="secretsInFiles"/> false passes both secrets as env vars, true as files. Extra
    /// <paramref name="environment"/> goes to the silo.
    /// </summary>
    public static async Task<ConvergenceRun> StartAsync(
        PostgresFixture postgres, IReadOnlyList<string> jobs, RunSecrets secrets, bool secretsInFiles,
        IDictionary<string, string>? environment = null)
    {
        var ct = TestContext.Current.CancellationToken;
        var ocm = await OcmSimulator.StartAsync(cancellationToken: ct);
        var jenkins = await JenkinsSimulator.StartAsync(new JenkinsSimulatorOptions { QuietPeriod = TimeSpan.FromMilliseconds(100) }, ct);
        ocm.AddClient(secrets.OcmClientId, secrets.OcmClientSecret);
        jenkins.AddUser(secrets.JenkinsUser, apiToken: secrets.JenkinsToken);
        foreach (var job in jobs)
        {
            jenkins.AddJob(new JenkinsSimJob(job)
            {
                Parameters = new Dictionary<string, string> { ["ADDON_VERSION"] = "", ["TRIGGER_ID"] = "", ["ENV"] = "none" },
                BuildDuration = TimeSpan.FromMilliseconds(300),
            });
        }

        foreach (var cluster in Clusters)
        {
            ocm.AddCluster(new SimulatedCluster(cluster, $"name-{cluster}", OrgId));
            ocm.SetAddonInstallation(cluster, Addon, From);
        }

        var dir = Directory.CreateTempSubdirectory("addongrains-run-").FullName;
        var env = new Dictionary<string, string>
        {
            ["AddonGrains__Delivery__PollInterval"] = "00:00:00.200",
            ["AddonGrains__Delivery__RetryBaseDelay"] = "00:00:00.200",
        };
        string ocmSecret, jenkinsToken;
        if (secretsInFiles)
        {
            await File.WriteAllTextAsync(Path.Combine(dir, "ocm-secret"), secrets.OcmClientSecret + "\n", ct);
            await File.WriteAllTextAsync(Path.Combine(dir, "jenkins-token"), secrets.JenkinsToken + "\n", ct);
            (ocmSecret, jenkinsToken) = ($"{{ file: \"{dir}/ocm-secret\" }}", $"{{ file: \"{dir}/jenkins-token\" }}");
        }
        else
        {
            env["ABUSE_RUN_OCM_SECRET"] = secrets.OcmClientSecret;
            env["ABUSE_RUN_JENKINS_TOKEN"] = secrets.JenkinsToken;
            (ocmSecret, jenkinsToken) = ("{ env: ABUSE_RUN_OCM_SECRET }", "{ env: ABUSE_RUN_JENKINS_TOKEN }");
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            env[key] = value;
        }

        var tests = string.Concat(jobs.Select(j => $"\n      - {{ addon: {Addon}, instance: ci, name: \"{j}\", parameters: {{ ENV: abuse }} }}"));
        var config = Path.Combine(dir, "addongrains.yaml");
        await File.WriteAllTextAsync(config, $"""
            ocm:
              - name: sim
                url: "{ocm.BaseUrl.ToString().TrimEnd('/')}"
                accessTokenUrl: "{ocm.TokenUrl}"
                accessTokenClientId: {secrets.OcmClientId}
                accessTokenClientSecret: {ocmSecret}
            jenkins:
              - name: ci
                serverUrl: "{jenkins.BaseUrl.ToString().TrimEnd('/')}"
                user: {secrets.JenkinsUser}
                token: {jenkinsToken}
            organizations:
              - name: {Org}
                ocm: sim
                orgId: {OrgId}
                addonUpgradeTests:{tests}
            polling: {"{"} interval: 1s, rolloutInterval: 1s {"}"}
            """, ct);

        var silo = SiloProcess.Start(config, await postgres.CreateDatabaseAsync(ct), env, name: "abuse-silo");
        var run = new ConvergenceRun(ocm, jenkins, silo, dir, jobs);
        try
        {
            await silo.WaitUntilReadyAsync(TimeSpan.FromSeconds(90), ct);
        }
        catch
        {
            await run.DisposeAsync();
            throw;
        }

        return run;
    }

    /// <summary>Baseline at <see cref="From"/>, then the fleet moves to <see cref="To"/>; returns when every trigger has ended.</summary>
    public async Task ConvergeAsync()
    {
        var ct = TestContext.Current.CancellationToken;
        await Silo.WaitForLineAsync($"recorded version {From}", TimeSpan.FromSeconds(60), ct);
        foreach (var cluster in Clusters)
        {
            Ocm.SetAddonInstallation(cluster, Addon, To);
        }

        await Poll.UntilAsync(
            () => Task.FromResult(Silo.HasExited || Silo.Output.Count(l => l.Contains("ended ", StringComparison.Ordinal) && l.Contains("Trigger ", StringComparison.Ordinal)) >= Jobs.Count),
            TimeSpan.FromSeconds(90), $"{Jobs.Count} trigger(s) to end");
        Assert.False(Silo.HasExited, Silo.Tail());
    }

    public async ValueTask DisposeAsync()
    {
        await Silo.DisposeAsync();
        await Jenkins.DisposeAsync();
        await Ocm.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }
}
