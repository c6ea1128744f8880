using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace AddonGrains.Simulators.Jenkins;

/// <summary>
/// The HTTP surface: faults and latency, Basic auth (401 bad / 403 none), the crumb filter, then routing on the raw
/// (still percent-encoded) request target, as Jenkins does.
/// </summary>
internal sealed class SimHttp(SimState state, SimJson json)
{
    private const string SessionCookie = "JSESSIONID";

    public async Task HandleAsync(HttpContext context)
    {
        var rawTarget = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? (context.Request.Path + context.Request.QueryString);
        var split = rawTarget.IndexOf('?', StringComparison.Ordinal);
        var rawPath = split < 0 ? rawTarget : rawTarget[..split];
        var rawQuery = split < 0 ? "" : rawTarget[(split + 1)..];
        var method = context.Request.Method;
        var form = context.Request.HasFormContentType ? await context.Request.ReadFormAsync(context.RequestAborted) : null;

        JenkinsSimFault? fault;
        TimeSpan latency;
        lock (state.Gate)
        {
            fault = state.TakeFault(method, rawPath);
            latency = state.RequestLatency + (fault?.Latency ?? TimeSpan.Zero);
        }

        if (latency > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(latency, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                Record(method, rawPath, rawQuery, form, null, 0);
                return;
            }
        }

        var failsResponse = fault is not null && (fault.DropConnection || fault.StatusCode is not null);
        SimResponse? response = null;
        string? user = null;
        if (!failsResponse || fault!.AfterProcessing)
        {
            lock (state.Gate)
            {
                state.Advance();
                response = SimTree.Filter(Process(context, method, rawPath, form, out user), context.Request.Query["tree"].FirstOrDefault());
            }
        }

        if (failsResponse && fault!.DropConnection)
        {
            Record(method, rawPath, rawQuery, form, user, 0);
            context.Abort();
            return;
        }

        if (failsResponse)
        {
            var headers = fault!.RetryAfter is { } retryAfter
                ? new KeyValuePair<string, string>[] { new("Retry-After", ((int)retryAfter.TotalSeconds).ToString()) }
                : [];
            response = SimResponse.Html(fault.StatusCode!.Value, "Injected fault", headers);
        }

        Record(method, rawPath, rawQuery, form, user, response!.Status);
        context.Response.StatusCode = response.Status;
        context.Response.Headers["X-Jenkins"] = state.Options.Version;
        foreach (var (name, value) in response.Headers)
        {
            context.Response.Headers.Append(name, value);
        }

        context.Response.ContentType = response.ContentType;
        if (fault is { StallBody: true })
        {
            await context.Response.WriteAsync(response.Body[..(response.Body.Length / 2)], context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
            await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
            return;
        }

        await context.Response.WriteAsync(response.Body, context.RequestAborted);
    }

    private SimResponse Process(HttpContext context, string method, string rawPath, IFormCollection? form, out string? user)
    {
        user = null;
        var header = context.Request.Headers.Authorization.ToString();
        var viaToken = false;
        if (header.Length > 0)
        {
            if (!TryAuthenticate(header, out user, out viaToken))
            {
                user = null;
                return SimResponse.Html(401, "Invalid password/token for user", new KeyValuePair<string, string>("WWW-Authenticate", "Basic realm=\"Jenkins\""));
            }
        }

        if (user is null)
        {
            return SimResponse.Html(403, "Authentication required");
        }

        if (method == HttpMethods.Post && !viaToken && state.Options.CsrfEnabled && !HasValidCrumb(context, user, form))
        {
            return SimResponse.Html(403, "No valid crumb was included in the request");
        }

        var segments = rawPath.Split('/').Skip(1).Select(Uri.UnescapeDataString).ToList();
        while (segments.Count > 0 && segments[^1].Length == 0)
        {
            segments.RemoveAt(segments.Count - 1);
        }

        return segments switch
        {
            ["crumbIssuer", "api", "json"] => CrumbIssuer(context, user),
            ["queue", "api", "json"] => SimResponse.Json(new JsonObject
            {
                ["_class"] = "hudson.model.Queue",
                ["discoverableItems"] = new JsonArray(),
                ["items"] = new JsonArray([.. state.Items.Values.Where(i => i.LeftAt is null).Select(i => (JsonNode)json.QueueItem(i))]),
            }),
            ["queue", "item", var id, "api", "json"] => long.TryParse(id, out var n) && state.Items.TryGetValue(n, out var item)
                ? SimResponse.Json(json.QueueItem(item))
                : SimResponse.Html(404, "Not Found"),
            ["queue", "item", var id] => long.TryParse(id, out var n) && state.Items.ContainsKey(n)
                ? new SimResponse(200, "text/plain;charset=utf-8", $"Queue item exists. For details check, for example, {json.QueueItemUrl(n)}api/json?tree=cancelled,executable[url]", [])
                : SimResponse.Html(404, "Not Found"),
            ["api", "json"] => SimResponse.Json(new JsonObject
            {
                ["_class"] = "hudson.model.Hudson",
                ["jobs"] = new JsonArray([.. state.Jobs.Values.Select(j => (JsonNode)new JsonObject
                {
                    ["_class"] = "hudson.model.FreeStyleProject", ["name"] = j.Path, ["url"] = json.JobUrl(j),
                })]),
            }),
            ["job", ..] => JobRoute(context, method, segments, form, user),
            [] => new SimResponse(200, "text/html;charset=utf-8", "<html><body>Dashboard [Jenkins]</body></html>", []),
            _ => SimResponse.Html(404, "Not Found"),
        };
    }

    private SimResponse JobRoute(HttpContext context, string method, List<string> segments, IFormCollection? form, string user)
    {
        var names = new List<string>();
        var i = 0;
        while (i + 1 < segments.Count && segments[i] == "job")
        {
            names.Add(segments[i + 1]);
            i += 2;
        }

        var path = string.Join('/', names);
        var rest = segments.Skip(i).ToArray();
        if (!state.Jobs.TryGetValue(path, out var job))
        {
            var isFolder = state.Jobs.Keys.Any(k => k.StartsWith(path + "/", StringComparison.Ordinal));
            return isFolder && rest is [] or ["api", "json"]
                ? SimResponse.Json(new JsonObject { ["_class"] = "com.cloudbees.hudson.plugins.folder.Folder", ["name"] = names[^1] })
                : SimResponse.Html(404, "Not Found");
        }

        return rest switch
        {
            [] => new SimResponse(200, "text/html;charset=utf-8", $"<html><body>{job.Path} [Jenkins]</body></html>", []),
            ["api", "json"] => SimResponse.Json(json.Job(job, context.Request.Query["tree"].FirstOrDefault())),
            ["build"] => new SimTrigger(state, json).Trigger(job, withParameters: false, method, context, form, user),
            ["buildWithParameters"] => new SimTrigger(state, json).Trigger(job, withParameters: true, method, context, form, user),
            [var which, "api", "json"] => FindBuild(job, which) is { } build ? SimResponse.Json(json.Build(build)) : SimResponse.Html(404, "Not Found"),
            _ => SimResponse.Html(404, "Not Found"),
        };
    }

    private SimBuild? FindBuild(SimJob job, string which) => which switch
    {
        "lastBuild" => job.Builds.LastOrDefault(),
        "lastCompletedBuild" => job.Builds.LastOrDefault(b => !json.InProgress(b)),
        _ => int.TryParse(which, out var number) ? job.Builds.FirstOrDefault(b => b.Number == number) : null,
    };

    private SimResponse CrumbIssuer(HttpContext context, string user)
    {
        if (!state.Options.CsrfEnabled)
        {
            return SimResponse.Html(404, "Not Found");
        }

        var headers = new List<KeyValuePair<string, string>>();
        var session = context.Request.Cookies[SessionCookie];
        if (session is null || !state.Sessions.Contains(session))
        {
            session = state.NewSession();
            state.Sessions.Add(session);
            headers.Add(new("Set-Cookie", $"{SessionCookie}={session}; Path=/; HttpOnly"));
        }

        var body = new JsonObject
        {
            ["_class"] = "hudson.security.csrf.DefaultCrumbIssuer",
            ["crumb"] = state.Crumb(user, session),
            ["crumbRequestField"] = state.Options.CrumbRequestField,
        };
        return new SimResponse(200, "application/json;charset=utf-8", body.ToJsonString(), headers);
    }

    private bool HasValidCrumb(HttpContext context, string user, IFormCollection? form)
    {
        var field = state.Options.CrumbRequestField;
        var crumb = context.Request.Headers[field].FirstOrDefault() ?? form?[field].FirstOrDefault() ?? context.Request.Query[field].FirstOrDefault();
        var session = context.Request.Cookies[SessionCookie];
        return crumb is not null && session is not null && state.Sessions.Contains(session) && crumb == state.Crumb(user, session);
    }

    private bool TryAuthenticate(string header, out string? user, out bool viaToken)
    {
        user = null;
        viaToken = false;
        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header[6..].Trim()));
        }
        catch (FormatException)
        {
            return false;
        }

        var colon = decoded.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0 || !state.Users.TryGetValue(decoded[..colon], out var account))
        {
            return false;
        }

        var secret = decoded[(colon + 1)..];
        viaToken = account.Token is not null && secret == account.Token;
        if (!viaToken && (account.Password is null || secret != account.Password))
        {
            return false;
        }

        user = decoded[..colon];
        return true;
    }

    private void Record(string method, string rawPath, string rawQuery, IFormCollection? form, string? user, int status)
    {
        var formValues = form?.ToDictionary(f => f.Key, f => f.Value.ToString(), StringComparer.Ordinal) ?? [];
        lock (state.Gate)
        {
            state.Requests.Add(new JenkinsSimRequest(method, rawPath, rawQuery, formValues, user, status));
        }
    }
}
