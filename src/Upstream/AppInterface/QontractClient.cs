using System.Net.Http.Json;
using System.Text.Json;

namespace AddonGrains.Upstream.AppInterface;

/// <summary>
/// A small typed client for qontract-server (docs/upstream-apis.md, "qontract-server": "GraphQL" and "Bundle and commit
/// identification"): the current bundle's sha, its commit info, and <c>ocm_instances_v1</c> pinned to one bundle. The
/// <c>Authorization</c> header is sent verbatim; an answer with <c>errors</c> is a failure.
/// </summary>
public sealed class QontractClient(HttpClient http, string authorization)
{
    /// <summary>The query for the fields the original integration reads.</summary>
    public const string OcmInstancesQuery = """
        { ocm_instances_v1 { name orgId
            environment { name url accessTokenClientId accessTokenUrl accessTokenClientSecret { path field version format } }
            accessTokenClientId accessTokenUrl accessTokenClientSecret { path field version format }
            addonUpgradeTests { addon { name } instance { name token { path field version format } } name } } }
        """;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary><c>GET {base}/sha256</c>: the current bundle.</summary>
    public async Task<string> GetShaAsync(CancellationToken cancellationToken)
    {
        using var response = await SendAsync(new HttpRequestMessage(HttpMethod.Get, "sha256"), "sha256", cancellationToken);
        return (await response.Content.ReadAsStringAsync(cancellationToken)).Trim();
    }

    /// <summary><c>GET {base}/git-commit-info/{sha}</c>: the commit and its Unix time (orders bundles).</summary>
    public async Task<CommitInfo> GetCommitInfoAsync(string sha, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(new HttpRequestMessage(HttpMethod.Get, $"git-commit-info/{Uri.EscapeDataString(sha)}"), "git-commit-info", cancellationToken);
        return await response.Content.ReadFromJsonAsync<CommitInfo>(Json, cancellationToken)
            ?? throw new QontractException("qontract-server: empty git-commit-info answer");
    }

    /// <summary><c>ocm_instances_v1</c> of bundle <paramref name="sha"/> (<c>POST {base}/graphqlsha/{sha}</c>).</summary>
    public async Task<IReadOnlyList<OcmInstance>> GetOcmInstancesAsync(string sha, CancellationToken cancellationToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"graphqlsha/{Uri.EscapeDataString(sha)}")
        {
            Content = JsonContent.Create(new { query = OcmInstancesQuery, variables = new { } }),
        };
        using var response = await SendAsync(request, "graphql", cancellationToken);
        using var json = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
        if (json.RootElement.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array && errors.GetArrayLength() > 0)
        {
            var messages = errors.EnumerateArray().Select(e => e.TryGetProperty("message", out var m) ? m.GetString() : e.ToString());
            throw new QontractException($"qontract-server: the query failed: {string.Join("; ", messages)}");
        }

        if (!json.RootElement.TryGetProperty("data", out var data) || !data.TryGetProperty("ocm_instances_v1", out var instances))
        {
            throw new QontractException("qontract-server: the answer has no data.ocm_instances_v1");
        }

        return instances.Deserialize<List<OcmInstance>>(Json) ?? [];
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, string what, CancellationToken cancellationToken)
    {
        using (request)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
            HttpResponseMessage response;
            try
            {
                response = await http.SendAsync(request, cancellationToken);
            }
            catch (HttpRequestException ex)
            {
                throw new QontractException($"qontract-server: {what}: {ex.Message}");
            }

            if (!response.IsSuccessStatusCode)
            {
                response.Dispose();
                throw new QontractException($"qontract-server: {what} answered HTTP {(int)response.StatusCode}", (int)response.StatusCode);
            }

            return response;
        }
    }
}
