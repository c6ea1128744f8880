using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;

namespace AddonGrains.Silo.StatusPage;

/// <summary>
/// Renders the status page. Every value from configuration, OCM or Jenkins goes through <see cref="E"/>
/// (HTML-encoded, quotes included, so it is safe in text and attributes); links are http(s) only, without user info.
/// </summary>
internal static class StatusPageRenderer
{
    public const int RefreshSeconds = 5;

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    private const string Style = """
        body{font:14px/1.4 system-ui,sans-serif;margin:0 2rem 2rem;color:#1b1f24;background:#f6f8fa}
        h1{font-size:1.4rem;margin:1rem 0 .2rem}.muted{color:#57606a}
        .rollout{background:#fff;border:1px solid #d0d7de;border-radius:6px;padding:.6rem 1rem;margin:1rem 0}
        .rollout h2{font-size:1.1rem;margin:.2rem 0}.phase{font-size:.8rem;padding:.1rem .5rem;border-radius:1rem;background:#ddf4ff;margin-left:.5rem}
        .phase-Idle{background:#dafbe1}.phase-Paused{background:#fff8c5}.phase-Stalled,.phase-Inconclusive{background:#ffebe9}
        dl{display:grid;grid-template-columns:max-content auto;gap:.1rem 1rem;margin:.4rem 0}dt{color:#57606a}dd{margin:0}
        .progress{background:#eaeef2;border-radius:4px;height:14px;width:420px;display:inline-block;vertical-align:middle}
        .bar{background:#2da44e;height:100%;border-radius:4px}
        table{border-collapse:collapse;margin:.4rem 0}td,th{border-bottom:1px solid #d0d7de;padding:.2rem .6rem;text-align:left}
        .st-Succeeded{color:#1a7f37}.st-Failed,.st-DeliveryFailed,.st-Aborted{color:#cf222e}.error{color:#cf222e}
        """;

    public static string Render(IReadOnlyList<RolloutView> rollouts, string? error, DateTimeOffset now, string? configNotice = null, string? notifications = null)
    {
        var html = new StringBuilder(4096);
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
            .Append(Invariant, $"<meta http-equiv=\"refresh\" content=\"{RefreshSeconds}\">")
            .Append("<title>AddonGrains rollouts</title><style>").Append(Style).Append("</style></head>\n<body><header><h1>AddonGrains rollouts</h1>")
            .Append(Invariant, $"<p class=\"muted\">{rollouts.Count} organization × add-on pairs · updated {Time(now)} · refreshes every {RefreshSeconds} s · read-only</p></header>\n<main>");
        if (error is not null)
        {
            html.Append("<p class=\"error\" id=\"error\">Status unavailable: ").Append(E(error)).Append("</p>");
        }

        if (configNotice is not null)
        {
            // Hot reload: the file changed but this silo could not apply it (or the cluster runs a newer one).
            html.Append("<p class=\"error\" id=\"config\">Configuration: ").Append(E(configNotice)).Append("</p>");
        }

        if (notifications is not null)
        {
            // This silo's delivery counters since it started (docs/operations.md, "Notifications").
            html.Append("<p class=\"muted\" id=\"notifications\">Notifications from this silo: ").Append(E(notifications)).Append("</p>");
        }

        foreach (var rollout in rollouts)
        {
            AppendRollout(html, rollout);
        }

        return html.Append("</main></body></html>\n").ToString();
    }

    private static void AppendRollout(StringBuilder html, RolloutView view)
    {
        var s = view.Status;
        var percent = s.ClustersApplicable == 0 ? 0 : (int)Math.Round(100.0 * s.ClustersOnTarget / s.ClustersApplicable);
        html.Append("<section class=\"rollout\" data-key=\"").Append(E(view.Key)).Append("\" data-phase=\"").Append(s.Phase.ToString())
            .Append(Invariant, $"\" data-on-target=\"{s.ClustersOnTarget}\" data-applicable=\"{s.ClustersApplicable}\">")
            .Append("<h2>").Append(E(s.Organization)).Append(" / ").Append(E(s.Addon))
            .Append("<span class=\"phase phase-").Append(s.Phase.ToString()).Append("\">").Append(s.Phase.ToString()).Append("</span></h2><dl>");
        Field(html, "OCM organization", s.OrgId);
        Field(html, "Last known version", s.LastKnownVersion ?? "none yet");
        Field(html, "Target version", s.TargetVersion ?? "–");
        Field(html, "Clusters", string.Create(Invariant, $"{s.ClustersTotal} total, {s.ClustersApplicable} applicable, {s.ClustersExcluded} excluded"));
        Field(html, "Last check", s.LastCheckAt is { } at ? Time(at) : "never");
        if (s.Pause is { } pause)
        {
            html.Append("<dt>Paused</dt><dd class=\"paused\">").Append(E($"by {pause.Actor} since {Time(pause.Since)} until "
                + $"{(pause.Until is { } until ? Time(until) : "resume")}: {pause.Reason} ({s.HeldTriggers} held triggers)")).Append("</dd>");
        }

        if (s.LastError is not null)
        {
            Field(html, "Last error", s.LastError);
        }

        html.Append("</dl><div class=\"progress\" role=\"progressbar\" aria-valuemin=\"0\"")
            .Append(Invariant, $" aria-valuenow=\"{s.ClustersOnTarget}\" aria-valuemax=\"{s.ClustersApplicable}\"><div class=\"bar\" style=\"width:{percent}%\"></div></div>")
            .Append(Invariant, $" <span class=\"progress-text\">{s.ClustersOnTarget} / {s.ClustersApplicable} on target</span>");
        if (!s.Stragglers.IsDefaultOrEmpty)
        {
            html.Append("<p>Stragglers:</p><ul class=\"stragglers\">");
            foreach (var c in s.Stragglers)
            {
                html.Append("<li class=\"straggler\">").Append(E(c.Name)).Append(" <span class=\"muted\">(").Append(E(c.ClusterId)).Append(")</span>: ")
                    .Append(E(c.Version ?? "not installed")).Append(", ").Append(E(c.AddonState ?? "–")).Append(" — ").Append(E(c.Reason)).Append("</li>");
            }

            html.Append("</ul>");
        }

        AppendTriggers(html, view);
        html.Append("</section>\n");
    }

    private static void AppendTriggers(StringBuilder html, RolloutView view)
    {
        if (view.Triggers.IsDefaultOrEmpty)
        {
            html.Append("<p class=\"muted no-triggers\">No triggers yet.</p>");
            return;
        }

        html.Append("<table class=\"triggers\"><thead><tr><th>Created</th><th>Version</th><th>Job</th><th>Status</th><th>Result</th><th>Build</th></tr></thead><tbody>");
        foreach (var t in view.Triggers)
        {
            html.Append("<tr class=\"trigger\" data-status=\"").Append(t.Status.ToString()).Append("\"><td>").Append(Time(t.CreatedAt))
                .Append("</td><td>").Append(E(t.PreviousVersion is null ? t.Version : $"{t.PreviousVersion} → {t.Version}"))
                .Append("</td><td class=\"job\">").Append(E($"{t.Instance}: {t.Job}"))
                .Append("</td><td class=\"st-").Append(t.Status.ToString()).Append("\">").Append(t.Status.ToString())
                .Append("</td><td class=\"result\">").Append(E(t.Result ?? "–")).Append("</td><td>");
            var label = t.BuildNumber is { } number ? string.Create(Invariant, $"#{number}") : "build";
            if (SafeLink(t.BuildUrl) is { } url)
            {
                html.Append("<a class=\"build\" rel=\"noreferrer\" href=\"").Append(E(url)).Append("\">").Append(E(label)).Append("</a>");
            }
            else
            {
                html.Append(t.BuildNumber is null ? "–" : E(label));
            }

            html.Append("</td></tr>");
        }

        html.Append("</tbody></table>");
    }

    private static void Field(StringBuilder html, string name, string value) =>
        html.Append("<dt>").Append(name).Append("</dt><dd>").Append(E(value)).Append("</dd>");

    /// <summary>Absolute http(s) URLs only (no <c>javascript:</c>), with any user info removed.</summary>
    private static string? SafeLink(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? new UriBuilder(uri) { UserName = "", Password = "" }.Uri.AbsoluteUri
            : null;

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", Invariant);

    private static string E(string value) => HtmlEncoder.Default.Encode(value);
}
