using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;

namespace AddonGrains.Upstream.Jenkins;

/// <summary>Turns Jenkins responses and transport failures into classified <see cref="JenkinsException"/>s.</summary>
internal static partial class JenkinsErrors
{
    /// <summary>Classifies a non-success response of <paramref name="operation"/> (job may be null for queue calls).</summary>
    public static JenkinsException FromStatus(
        HttpStatusCode status, HttpResponseHeaders? headers, string? body, string operation, string user, string? jobPath, bool parameterizedTrigger = false)
    {
        var code = (int)status;
        var job = jobPath is null ? "" : $" of job '{jobPath}'";
        switch (code)
        {
            case 401:
                return new($"Jenkins authentication failed for user '{user}' ({operation}{job}): 401 Unauthorized", JenkinsFailureKind.Auth, code);
            case 403:
                return new(Forbidden(headers, body, operation, user, job), JenkinsFailureKind.Auth, code);
            case 404 when jobPath is not null:
                return new($"job '{jobPath}' not found ({operation}): 404", JenkinsFailureKind.Permanent, code);
            case 409:
                return new($"job '{jobPath}' is disabled / not buildable ({operation}): 409", JenkinsFailureKind.Permanent, code);
            case 400 when jobPath is not null:
                var reason = parameterizedTrigger
                    ? $"job '{jobPath}' is not parameterized; it needs build, not buildWithParameters"
                    : $"job '{jobPath}' is parameterized; it needs buildWithParameters, not build";
                return new($"{reason} ({operation}): 400", JenkinsFailureKind.Permanent, code);
            case 405:
                return new($"Jenkins rejected the method of {operation}{job}: 405 Method Not Allowed", JenkinsFailureKind.Permanent, code);
            case 500 when ParameterValidationError(body) is { } invalid:
                return new($"Jenkins refused the parameters of {operation}{job}: {invalid} (500)", JenkinsFailureKind.Permanent, code);
            case 408 or 429 or >= 500:
                return new($"Jenkins {operation}{job} failed: {code} {status}", JenkinsFailureKind.Transient, code);
            default:
                return new($"Jenkins {operation}{job} failed: {code} {status}", JenkinsFailureKind.Permanent, code);
        }
    }

    /// <summary>
    /// The parameter-validation error a 500 page names, if any: Jenkins turns the <c>IllegalArgumentException</c> of a
    /// choice parameter given a value it does not offer ("Illegal choice for parameter NAME: VALUE",
    /// <c>ChoiceParameterDefinition</c>) or of a repeated single-valued parameter ("Illegal number of parameter
    /// values", <c>SimpleParameterDefinition</c>) into a 500. Sending it again cannot succeed.
    /// </summary>
    internal static string? ParameterValidationError(string? body)
    {
        if (string.IsNullOrEmpty(body))
        {
            return null;
        }

        var match = ParameterErrorPattern().Match(WebUtility.HtmlDecode(body));
        return match.Success ? match.Value.Trim() : null;
    }

    /// <summary>A failure without a response: timeouts and connection errors are transient.</summary>
    public static JenkinsException FromTransport(Exception exception, string operation, string? jobPath)
    {
        var job = jobPath is null ? "" : $" of job '{jobPath}'";
        var what = exception is HttpRequestException ? "connection failed" : "timed out";
        return new($"Jenkins {operation}{job} {what}: {exception.GetType().Name}", JenkinsFailureKind.Transient, null, exception);
    }

    private static string Forbidden(HttpResponseHeaders? headers, string? body, string operation, string user, string job)
    {
        if (body is not null && body.Contains("No valid crumb", StringComparison.OrdinalIgnoreCase))
        {
            return $"Jenkins permission failed for user '{user}' ({operation}{job}): 403, no valid crumb was included in the request";
        }

        var required = headers is not null && headers.TryGetValues("X-Required-Permission", out var values)
            ? $", missing permission {string.Join(", ", values)}"
            : "";
        return $"Jenkins authentication/permission failed for user '{user}' ({operation}{job}): 403 Forbidden{required}";
    }

    [GeneratedRegex(@"Illegal choice for parameter [^<\r\n]{1,200}|Illegal number of parameter values", RegexOptions.CultureInvariant)]
    private static partial Regex ParameterErrorPattern();
}
