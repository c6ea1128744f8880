using System.Text.Json.Nodes;

namespace AddonGrains.Simulators.Jenkins;

/// <summary>Renders Jenkins-shaped JSON (with <c>_class</c> everywhere and explicit nulls). Lock held by callers.</summary>
internal sealed class SimJson(SimState state, Func<Uri> baseUrl)
{
    private const string BuildClass = "hudson.model.FreeStyleBuild";

    public string JobUrl(SimJob job) =>
        baseUrl().AbsoluteUri + string.Concat(job.Path.Split('/').Select(s => "job/" + Uri.EscapeDataString(s) + "/"));

    public string BuildUrl(SimBuild build) => $"{JobUrl(build.Job)}{build.Number}/";

    public string QueueItemUrl(long id) => $"{baseUrl().AbsoluteUri}queue/item/{id}/";

    public JsonObject Job(SimJob job, string? tree)
    {
        var defs = job.Definition.Parameters ?? new Dictionary<string, string>();
        var properties = new JsonArray { new JsonObject { ["_class"] = "jenkins.model.BuildDiscarderProperty" } };
        if (job.Definition.IsParameterized)
        {
            properties.Add(new JsonObject
            {
                ["_class"] = "hudson.model.ParametersDefinitionProperty",
                ["parameterDefinitions"] = new JsonArray([.. defs.Select(d => (JsonNode)ParameterDefinition(d.Key, d.Value, job.Definition.Choices?.GetValueOrDefault(d.Key)))]),
            });
        }

        // Real Jenkins lists builds as {_class, number, url} unless a tree asks for more; SimTree then keeps only
        // the fields and the {from,to} range the tree names.
        var builds = job.Builds.AsEnumerable().Reverse().Take(100);
        var detailed = tree is not null && tree.Contains("builds[", StringComparison.Ordinal);

        var waiting = state.Items.Values.FirstOrDefault(i => i.Job == job && i.LeftAt is null);
        var last = job.Builds.LastOrDefault();
        var lastCompleted = job.Builds.LastOrDefault(b => !InProgress(b));
        return new JsonObject
        {
            ["_class"] = "hudson.model.FreeStyleProject",
            ["actions"] = new JsonArray(new JsonObject(), new JsonObject { ["_class"] = "org.jenkinsci.plugins.displayurlapi.actions.JobDisplayAction" }),
            ["description"] = null,
            ["displayName"] = job.Name,
            ["fullName"] = job.Path,
            ["name"] = job.Name,
            ["url"] = JobUrl(job),
            ["buildable"] = !job.Definition.Disabled,
            ["builds"] = new JsonArray([.. builds.Select(b => (JsonNode)(detailed ? Build(b) : BuildRef(b)))]),
            ["color"] = job.Definition.Disabled ? "disabled" : last is null ? "notbuilt" : "blue",
            ["inQueue"] = waiting is not null,
            ["lastBuild"] = last is null ? null : BuildRef(last),
            ["lastCompletedBuild"] = lastCompleted is null ? null : BuildRef(lastCompleted),
            ["nextBuildNumber"] = job.NextBuildNumber,
            ["property"] = properties,
            ["queueItem"] = waiting is null ? null : QueueItem(waiting),
            ["concurrentBuild"] = true,
            ["disabled"] = job.Definition.Disabled,
        };
    }

    private static JsonObject ParameterDefinition(string name, string defaultValue, IReadOnlyList<string>? choices)
    {
        var type = choices is null ? "StringParameterDefinition" : "ChoiceParameterDefinition";
        var json = new JsonObject
        {
            ["_class"] = $"hudson.model.{type}",
            ["defaultParameterValue"] = new JsonObject { ["_class"] = "hudson.model.StringParameterValue", ["name"] = name, ["value"] = defaultValue },
            ["description"] = null,
            ["name"] = name,
            ["type"] = type,
        };
        if (choices is not null)
        {
            json["choices"] = new JsonArray([.. choices.Select(c => (JsonNode)c)]);
        }
        return json;
    }

    public JsonObject Build(SimBuild build)
    {
        var now = state.Now;
        var actions = new JsonArray();
        if (build.Parameters is { Count: > 0 } parameters)
        {
            actions.Add(ParametersAction(parameters));
        }

        actions.Add(CauseAction(build.Causes));
        actions.Add(new JsonObject());
        actions.Add(new JsonObject { ["_class"] = "jenkins.metrics.impl.TimeInQueueAction", ["blockedDurationMillis"] = 0 });
        var building = now < build.End;
        var json = new JsonObject
        {
            ["_class"] = BuildClass,
            ["actions"] = actions,
            ["artifacts"] = new JsonArray(),
            ["building"] = building,
            ["description"] = null,
            ["displayName"] = $"#{build.Number}",
            ["duration"] = InProgress(build) ? 0 : (long)(build.End - build.Start).TotalMilliseconds,
            ["estimatedDuration"] = (long)build.Job.Definition.BuildDuration.TotalMilliseconds,
            ["executor"] = null,
            ["fullDisplayName"] = $"{build.Job.Path.Replace("/", " » ", StringComparison.Ordinal)} #{build.Number}",
            ["id"] = build.Number.ToString(),
            ["keepLog"] = false,
            ["number"] = build.Number,
            ["queueId"] = build.QueueId,
            ["result"] = ResultAt(build, now),
            ["timestamp"] = build.Start.ToUnixTimeMilliseconds(),
            ["url"] = BuildUrl(build),
        };
        if (!state.Options.OmitInProgress)
        {
            json["inProgress"] = InProgress(build);
        }

        return json;
    }

    public JsonObject QueueItem(SimItem item)
    {
        var actions = new JsonArray();
        if (item.Parameters is { Count: > 0 } parameters)
        {
            actions.Add(ParametersAction(parameters));
        }

        actions.Add(CauseAction(item.Causes));
        var left = item.LeftAt is not null;
        var json = new JsonObject
        {
            ["_class"] = left ? "hudson.model.Queue$LeftItem" : "hudson.model.Queue$WaitingItem",
            ["actions"] = actions,
            ["blocked"] = false,
            ["buildable"] = false,
            ["id"] = item.Id,
            ["inQueueSince"] = item.InQueueSince.ToUnixTimeMilliseconds(),
            ["params"] = string.Concat((item.Parameters ?? []).Select(p => $"\n{p.Key}={p.Value}")),
            ["stuck"] = false,
            ["task"] = new JsonObject
            {
                ["_class"] = "hudson.model.FreeStyleProject",
                ["name"] = item.Job.Name,
                ["url"] = JobUrl(item.Job),
                ["color"] = "blue",
            },
            ["url"] = $"queue/item/{item.Id}/",
            ["why"] = left ? null : $"In the quiet period. Expires in {Math.Max(0, (item.Due - state.Now).TotalSeconds):0.#} sec",
        };
        if (left)
        {
            json["cancelled"] = item.Cancelled;
            json["executable"] = item.Build is null ? null : BuildRef(item.Build);
        }
        else
        {
            json["timestamp"] = item.Due.ToUnixTimeMilliseconds();
        }

        return json;
    }

    public JsonObject BuildRef(SimBuild build) =>
        new() { ["_class"] = BuildClass, ["number"] = build.Number, ["url"] = BuildUrl(build) };

    public bool InProgress(SimBuild build) => state.Now < build.End + state.Options.PostProduction;

    private string? ResultAt(SimBuild build, DateTimeOffset now) =>
        now >= build.End - state.Options.ResultLead ? build.FinalResult : null;

    private static JsonObject ParametersAction(List<KeyValuePair<string, string>> parameters) => new()
    {
        ["_class"] = "hudson.model.ParametersAction",
        ["parameters"] = new JsonArray([.. parameters.Select(p => (JsonNode)new JsonObject
        {
            ["_class"] = "hudson.model.StringParameterValue",
            ["name"] = p.Key,
            ["value"] = p.Value,
        })]),
    };

    private static JsonObject CauseAction(List<string> users) => new()
    {
        ["_class"] = "hudson.model.CauseAction",
        ["causes"] = new JsonArray([.. users.Select(u => (JsonNode)new JsonObject
        {
            ["_class"] = "hudson.model.Cause$UserIdCause",
            ["shortDescription"] = $"Started by user {u}",
            ["userId"] = u,
            ["userName"] = u,
        })]),
    };
}
