using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using static AddonGrains.Simulators.Ocm.OcmResponses;

namespace AddonGrains.Simulators.Ocm;

/// <summary>
/// The SSO token endpoint (client credentials grant, credentials in the form or in a Basic header), answering with the
/// real endpoint's JSON shapes and error codes (docs/upstream-apis.md).
/// </summary>
internal static class OcmTokenEndpoint
{
    public static async Task HandleAsync(
        HttpContext context, OcmTokenIssuer tokens, IReadOnlyDictionary<string, string> clients, CancellationToken ct)
    {
        if (!HttpMethods.IsPost(context.Request.Method) || !context.Request.HasFormContentType)
        {
            await WriteAsync(context, 400, TokenError("invalid_request", "POST an application/x-www-form-urlencoded body"), ct);
            return;
        }
        var form = await context.Request.ReadFormAsync(ct);
        string? clientId = form["client_id"], secret = form["client_secret"];
        if (AuthenticationHeaderValue.TryParse(context.Request.Headers.Authorization, out var basic)
            && basic.Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase) && basic.Parameter is not null)
        {
            var pair = Encoding.UTF8.GetString(Convert.FromBase64String(basic.Parameter)).Split(':', 2);
            clientId = Uri.UnescapeDataString(pair[0]);
            secret = pair.Length == 2 ? Uri.UnescapeDataString(pair[1]) : null;
        }
        if (form["grant_type"] != "client_credentials")
        {
            await WriteAsync(context, 400, TokenError("unsupported_grant_type", $"Unsupported grant_type '{form["grant_type"]}'"), ct);
            return;
        }
        if (clientId is null || secret is null || !clients.TryGetValue(clientId, out var expected) || expected != secret)
        {
            await WriteAsync(context, 401, TokenError("invalid_client", "Invalid client or Invalid client credentials"), ct);
            return;
        }
        var (token, expiresIn) = tokens.Issue(clientId);
        await WriteAsync(context, 200, new JsonObject
        {
            ["access_token"] = token,
            ["expires_in"] = expiresIn,
            ["refresh_expires_in"] = 0,
            ["token_type"] = "Bearer",
            ["not-before-policy"] = 0,
            ["scope"] = "openid",
        }, ct);
    }

    private static JsonObject TokenError(string error, string description) => new() { ["error"] = error, ["error_description"] = description };
}
