using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace AddonGrains.Simulators.Jenkins;

/// <summary>
/// <c>build</c> and <c>buildWithParameters</c>: method, permission, buildable and
/// parameterized checks in Jenkins order, <c>delay</c> parsing, defaults, and 201/303/302 on queue or merge.
/// Called with the state lock held.
/// </summary>
internal sealed partial class SimTrigger(SimState state, SimJson json)
{
    public SimResponse Trigger(SimJob job, bool withParameters, string method, HttpContext context, IFormCollection? form, string user)
    {
        var definition = job.Definition;
        if (method != HttpMethods.Post)
        {
            return !withParameters && definition.IsParameterized && method == HttpMethods.Get
                ? new SimResponse(200, "text/html;charset=utf-8", $"<html><body><form method=\"post\" action=\"build\">{job.Path}</form></body></html>", [])
                : SimResponse.Html(405, "This URL requires POST", new KeyValuePair<string, string>("Allow", "POST"));
        }

        if (!state.Users[user].CanBuild)
        {
            return SimResponse.Html(403, $"{user} is missing the Job/Build permission",
                new("X-You-Are-Authenticated-As", user),
                new("X-Required-Permission", "hudson.model.Item.Build"),
                new("X-Permission-Implied-By", "hudson.model.Hudson.Administer"));
        }

        if (definition.Disabled)
        {
            return SimResponse.Html(409, $"{job.Path} is not buildable");
        }

        TimeSpan? delay = null;
        if (Values(context, form, "delay") is [{ } delayText, ..])
        {
            if (ParseDelay(delayText) is not { } parsed)
            {
                return SimResponse.Html(500, $"Oops! A problem occurred: IllegalArgumentException: Invalid duration '{delayText}'");
            }

            delay = parsed;
        }

        if (withParameters)
        {
            if (!definition.IsParameterized)
            {
                return SimResponse.Html(400, $"{job.Path} is not parameterized");
            }

            var values = new List<KeyValuePair<string, string>>();
            foreach (var (name, defaultValue) in definition.Parameters!)
            {
                var given = Values(context, form, name);
                if (given.Count > 1)
                {
                    return SimResponse.Html(500, "Oops! A problem occurred: IllegalArgumentException: Illegal number of parameter values");
                }

                var value = given.Count == 1 ? given[0]! : defaultValue;
                if (definition.Choices?.GetValueOrDefault(name) is { } choices && !choices.Contains(value))
                {
                    return SimResponse.Html(500, $"Oops! A problem occurred: IllegalArgumentException: Illegal choice for parameter {name}: {value}");
                }

                values.Add(new(name, value));
            }

            var (item, created) = state.Schedule(job, values, user, delay);
            return SimResponse.Redirect(created ? 201 : 303, json.QueueItemUrl(item.Id));
        }

        if (!definition.IsParameterized)
        {
            // TODO JENKINS-66105 in core: a merged plain trigger still answers 201 with the existing item.
            var (item, _) = state.Schedule(job, null, user, delay);
            return SimResponse.Redirect(201, json.QueueItemUrl(item.Id));
        }

        var submitted = form?["json"].FirstOrDefault();
        if (submitted is null)
        {
            var anyParameters = context.Request.Query.Count > 0 || form is { Count: > 0 };
            return SimResponse.Html(400, anyParameters ? "This page expects a form submission" : "Nothing is submitted");
        }

        var fromJson = ParseJsonParameters(submitted);
        var parameters = definition.Parameters!
            .Select(d => new KeyValuePair<string, string>(d.Key, fromJson.TryGetValue(d.Key, out var v) ? v : d.Value))
            .ToList();
        var (scheduled, isNew) = state.Schedule(job, parameters, user, delay);

        // The deprecated Queue.schedule used by /build+json returns null on a merge: redirect to the job, no id.
        return isNew ? SimResponse.Redirect(201, json.QueueItemUrl(scheduled.Id)) : SimResponse.Redirect(302, json.JobUrl(job));
    }

    /// <summary>TimeDuration.fromString: "N" = ms, "Nsec"/"Nsecs" = s; used in whole seconds. Null when invalid.</summary>
    internal static TimeSpan? ParseDelay(string text)
    {
        var match = DelayPattern().Match(text.Trim());
        if (!match.Success || !long.TryParse(match.Groups[1].Value, out var amount))
        {
            return null;
        }

        var seconds = match.Groups[2].Success ? amount : amount / 1000;
        return TimeSpan.FromSeconds(seconds);
    }

    private static List<string?> Values(HttpContext context, IFormCollection? form, string name) =>
        [.. context.Request.Query[name], .. form?[name] ?? StringValues.Empty];

    private static Dictionary<string, string> ParseJsonParameters(string submitted)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            using var document = JsonDocument.Parse(submitted);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("parameter", out var list) && list.ValueKind == JsonValueKind.Array)
            {
                foreach (var entry in list.EnumerateArray())
                {
                    if (entry.TryGetProperty("name", out var name) && entry.TryGetProperty("value", out var value))
                    {
                        result[name.GetString() ?? ""] = value.ValueKind == JsonValueKind.String ? value.GetString() ?? "" : value.GetRawText();
                    }
                }
            }
        }
        catch (JsonException)
        {
            // Jenkins would fail the submission; the simulator treats unparsable json as "no values".
        }

        return result;
    }

    [GeneratedRegex("^([0-9]+)(?:\\s*(secs?))?$", RegexOptions.CultureInvariant)]
    private static partial Regex DelayPattern();
}
