using System.Text.Json;
using AddonGrains.Upstream.Ocm.Dto;
using Polly.Timeout;
using Refit;

namespace AddonGrains.Upstream.Ocm;

/// <summary>Turns what can go wrong on an OCM call into an <see cref="OcmException"/> an operator can act on.</summary>
internal static class OcmErrors
{
    public static OcmException FromApiException(string ocmName, string operation, ApiException ex, OcmClientOptions options)
    {
        var status = (int)ex.StatusCode;
        if (ex.IsSuccessStatusCode())
        {
            return Malformed(ocmName, operation, $"the response is not the expected JSON ({ex.InnerException?.Message ?? ex.Message})", ex);
        }
        var error = TryParseError(ex.Content);
        var details = error is null
            ? "the body is not an OCM error"
            : $"code {error.Code ?? "?"}, reason '{error.Reason}'"
              + (error.OperationId is null ? "" : $", operation_id {error.OperationId}");
        var hint = status switch
        {
            400 => "OCM rejected the request: check the organization id (orgId) and the search expression",
            401 => "OCM refused the access token even after fetching a new one: check accessTokenUrl, accessTokenClientId and accessTokenClientSecret",
            403 => "the service account may not read this organization's clusters: grant it access in OCM",
            404 => "check the cluster id and the OCM url",
            429 => $"OCM is rate limiting; gave up after {options.RetryCount} retries: lower ocm[].maxConcurrency, set ocm[].maxRequestsPerSecond or poll less often",
            >= 500 => $"OCM failed; gave up after {options.RetryCount} retries: check the OCM status page and retry later",
            _ => "unexpected status",
        };
        return new OcmException(
            $"OCM '{ocmName}': {operation} failed with HTTP {status} ({ex.ReasonPhrase}), {details}. {hint}.",
            status,
            ex);
    }

    public static OcmException FromTransport(string ocmName, string operation, Exception ex, OcmClientOptions options)
    {
        var what = ex is TimeoutRejectedException or OperationCanceledException
            ? $"timed out (attempt timeout {options.AttemptTimeout.TotalSeconds:0.###} s, total {options.TotalTimeout.TotalSeconds:0.###} s, {options.RetryCount} retries)"
            : $"could not reach OCM ({ex.Message})";
        return new OcmException($"OCM '{ocmName}': {operation} {what}. Check that the OCM url is reachable from this host.", null, ex);
    }

    public static OcmException Malformed(string ocmName, string operation, string problem, Exception? inner = null) =>
        new($"OCM '{ocmName}': {operation} returned a malformed response: {problem}. No partial result was used; this is an OCM or proxy fault, retry later.", 200, inner);

    private static bool IsSuccessStatusCode(this ApiException ex) => (int)ex.StatusCode is >= 200 and <= 299;

    private static OcmErrorDto? TryParseError(string? content)
    {
        if (string.IsNullOrWhiteSpace(content))
        {
            return null;
        }
        try
        {
            var error = JsonSerializer.Deserialize<OcmErrorDto>(content, OcmJson.Options);
            return error is { Code: null, Reason: null } ? null : error;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
