using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using AddonGrains.Upstream.Ocm.Budget;
using AddonGrains.Upstream.Ocm.Dto;
using Microsoft.Extensions.Logging;
using Polly.Timeout;
using Refit;

namespace AddonGrains.Upstream.Ocm;

/// <summary><see cref="IOcmClient"/> over the Refit <see cref="IOcmApi"/>: all pages (side by side), checked against <c>total</c>, or an <see cref="OcmException"/>.</summary>
/// <remarks>
/// Every await here uses <c>ConfigureAwait(false)</c>: the callers are grains, and returning to a grain's scheduler
/// after each step of each page would cost a scheduled work item per step (the per-listing CPU and memory in docs/performance.md).
/// </remarks>
internal sealed partial class OcmClient(
    string ocmName, Func<IOcmApi> createApi, OcmRequestBudget budget, OcmClientOptions options, ILogger<OcmClient> logger) : IOcmClient
{
    private const string Order = "id asc";

    // Bounds one listing (1000 pages of 100 = 100k items) against an absurd 'total'.
    private const int MaxPages = 1000;

    public Task<IReadOnlyList<OcmCluster>> ListClustersAsync(
        string organizationId, IReadOnlyCollection<string> products, CancellationToken cancellationToken = default) =>
        ListAllAsync(
            new OcmOperation("GET /api/clusters_mgmt/v1/clusters (organization '", organizationId, "')"),
            static (api, search, page, size, ct) => api.ListClustersAsync(search, page, size, Order, ct),
            OcmSearch.ManagedClustersOfOrganization(organizationId, products),
            OcmJsonContext.Default.OcmListDtoOcmClusterDto,
            OcmMapping.ToCluster,
            static cluster => cluster.Id,
            sort: null,
            cancellationToken);

    public Task<IReadOnlyList<OcmAddonInstallation>> ListAddonInstallationsAsync(string clusterId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(clusterId);
        // No 'order' here: the original integration never sends it on this listing, and one cluster's
        // installations fit one page; they are sorted here instead.
        return ListInstallationsAsync(
            new OcmOperation("GET /api/clusters_mgmt/v1/clusters/", clusterId, "/addons"),
            static (api, cluster, page, size, ct) => api.ListAddonInstallationsAsync(cluster, page, size, ct),
            clusterId,
            cancellationToken);
    }

    /// <summary>A cluster's installations (either API's listing), sorted by add-on id.</summary>
    private Task<IReadOnlyList<OcmAddonInstallation>> ListInstallationsAsync(
        OcmOperation operation, FetchPage fetchPage, string clusterId, CancellationToken cancellationToken) =>
        ListAllAsync(
            operation,
            fetchPage,
            clusterId,
            OcmJsonContext.Default.OcmListDtoOcmAddonInstallationDto,
            OcmMapping.ToInstallation,
            static installation => installation.AddonId,
            sort: static (a, b) => string.CompareOrdinal(a.AddonId, b.AddonId),
            cancellationToken);

    public Task<IReadOnlyList<OcmAddon>> ListAddonsAsync(CancellationToken cancellationToken = default) =>
        ListAllAsync(
            new OcmOperation("GET /api/clusters_mgmt/v1/addons"),
            static (api, _, page, size, ct) => api.ListAddonsAsync(page, size, Order, ct),
            "",
            OcmJsonContext.Default.OcmListDtoOcmAddonDto,
            OcmMapping.ToAddon,
            static addon => addon.Id,
            sort: null,
            cancellationToken);

    /// <summary>
    /// Page 1 gives <c>total</c>; the remaining pages are fetched side by side (the environment's budget bounds
    /// them). A server may answer fewer items than the <c>size</c> asked for, so the page size is what page 1
    /// returned. The listing must end with exactly <c>total</c> distinct items, or it is a failed observation;
    /// <paramref name="sort"/>, when given, orders the result. The request is a static function of the API and
    /// <paramref name="argument"/>, so a listing allocates no closure (nearly every listing is one page).
    /// </summary>
    private async Task<IReadOnlyList<TModel>> ListAllAsync<TDto, TModel>(
        OcmOperation operation,
        FetchPage fetchPage,
        string argument,
        JsonTypeInfo<OcmListDto<TDto>> json,
        Func<TDto, TModel> map,
        Func<TModel, string> key,
        Comparison<TModel>? sort,
        CancellationToken cancellationToken)
        where TDto : class
    {
        var api = createApi();
        var size = options.PageSize;
        var first = await FetchPageAsync(operation, 1, size, api, fetchPage, argument, json, cancellationToken).ConfigureAwait(false);
        var total = first.Total ?? throw OcmErrors.Malformed(ocmName, operation.Page(1), "the list has no 'total'");
        if (total < 0)
        {
            throw OcmErrors.Malformed(ocmName, operation.Page(1), $"'total' is {total}, less than zero");
        }
        var perPage = first.Items!.Count;
        OcmListDto<TDto>[]? rest = null;
        if (total > perPage)
        {
            if (perPage == 0)
            {
                throw OcmErrors.Malformed(ocmName, operation.Page(1), $"an empty first page, but 'total' is {total}");
            }
            var pageCount = (total + perPage - 1) / perPage;
            if (pageCount > MaxPages)
            {
                throw OcmErrors.Malformed(ocmName, operation.ToString(), $"'total' {total} needs {pageCount} pages, more than {MaxPages}");
            }
            var pending = new Task<OcmListDto<TDto>>[pageCount - 1];
            for (var page = 2; page <= pageCount; page++)
            {
                pending[page - 2] = FetchPageAsync(operation, page, size, api, fetchPage, argument, json, cancellationToken).AsTask();
            }
            rest = await Task.WhenAll(pending).ConfigureAwait(false);
        }

        var results = new TModel[total];
        var count = 0;
        // One page (a cluster's add-ons: a few items) is checked for duplicates by a scan, without a set per listing.
        var seen = rest is null ? null : new HashSet<string>(total, StringComparer.Ordinal);
        var pages = 1 + (rest?.Length ?? 0);
        for (var i = 0; i < pages; i++)
        {
            var dto = i == 0 ? first : rest![i - 1];
            if (dto.Total != total)
            {
                throw OcmErrors.Malformed(ocmName, operation.Page(i + 1), $"'total' changed from {total} to {dto.Total} while paging");
            }
            foreach (var item in dto.Items!)
            {
                TModel model;
                try
                {
                    model = map(item ?? throw new FormatException("a null item"));
                }
                catch (FormatException ex)
                {
                    throw OcmErrors.Malformed(ocmName, operation.Page(i + 1), ex.Message, ex);
                }
                // An item that moved between pages while OCM changed shows twice; the count check below catches the gap.
                var id = key(model);
                if (seen?.Add(id) ?? !Contains(results.AsSpan(0, Math.Min(count, total)), key, id))
                {
                    if (count < total)
                    {
                        results[count] = model;
                    }
                    count++;
                }
            }
        }
        if (count != total)
        {
            throw OcmErrors.Malformed(ocmName, operation.ToString(),
                $"{count} distinct items over {pages} pages, but 'total' is {total} (the list changed while paging, or pages were cut short)");
        }
        if (sort is not null && total > 1)
        {
            Array.Sort(results, sort);
        }
        return results;
    }

    /// <summary>One page request of a listing: the Refit call, with the listing's one argument (a search, a cluster id).</summary>
    private delegate Task<HttpResponseMessage> FetchPage(IOcmApi api, string argument, int page, int size, CancellationToken cancellationToken);

    /// <summary>One request: the Refit call with its arguments (a page request, or a status read with its two ids).</summary>
    private delegate Task<HttpResponseMessage> Fetch<TArgument>(IOcmApi api, TArgument argument, int page, int size, CancellationToken cancellationToken);

    private static bool Contains<TModel>(ReadOnlySpan<TModel> items, Func<TModel, string> key, string id)
    {
        foreach (var item in items)
        {
            if (string.Equals(key(item), id, StringComparison.Ordinal))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>
    /// One page, holding a slot of the environment's <see cref="OcmRequestBudget"/> from before its timeouts start,
    /// through its retries, until its body has been read and parsed (a page still arriving is still in flight).
    /// The operation text is only built for an error or a debug log line, not once per page. Its state machine comes
    /// from a pool: nearly every listing is one page, awaited once (the per-listing allocation in docs/performance.md).
    /// </summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<OcmListDto<TDto>> FetchPageAsync<TDto>(
        OcmOperation operation,
        int page,
        int size,
        IOcmApi api,
        FetchPage fetchPage,
        string argument,
        JsonTypeInfo<OcmListDto<TDto>> json,
        CancellationToken cancellationToken)
        where TDto : class
    {
        var dto = await FetchAsync(operation, page, size, api, static (api, a, page, size, ct) => a.Fetch(api, a.Argument, page, size, ct),
            (Fetch: fetchPage, Argument: argument), json, cancellationToken).ConfigureAwait(false);
        if (dto.Items is null)
        {
            throw OcmErrors.Malformed(ocmName, operation.Page(page), "the list has no 'items'");
        }
        LogPage(logger, ocmName, operation, page, dto.Items.Count, dto.Total);
        return dto;
    }

    /// <summary>
    /// One request (a list page, or with <paramref name="page"/> 0 a single object): budget slot, deadline over every
    /// attempt and the body, the body parsed as it streams in; any failure an <see cref="OcmException"/>.
    /// </summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<TBody> FetchAsync<TArgument, TBody>(
        OcmOperation operation,
        int page,
        int size,
        IOcmApi api,
        Fetch<TArgument> fetch,
        TArgument argument,
        JsonTypeInfo<TBody> json,
        CancellationToken cancellationToken)
        where TBody : class
    {
        TBody? dto;
        try
        {
            using var lease = await budget.AcquireAsync(cancellationToken).ConfigureAwait(false);
            // The pipeline's timeouts end when the headers arrive; a body that stalls after them is bounded here: the
            // total timeout runs from the slot on, over every attempt and the body read to its end.
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(options.TotalTimeout);
            using var response = await fetch(api, argument, page, size, deadline.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                // Reads the error body (without a token of its own: the deadline abandons a stalled one).
                throw await ApiException.Create(response.RequestMessage!, response.RequestMessage!.Method, response, OcmJson.RefitSettings)
                    .WaitAsync(deadline.Token).ConfigureAwait(false);
            }
            // Parsed as the body streams in: no copy of the body is kept.
            var body = await response.Content.ReadAsStreamAsync(deadline.Token).ConfigureAwait(false);
            await using (body.ConfigureAwait(false))
            {
                dto = await JsonSerializer.DeserializeAsync(body, json, deadline.Token).ConfigureAwait(false);
            }
        }
        catch (Exception ex)
        {
            if (Classify(page > 0 ? operation.Page(page) : operation.ToString(), ex, cancellationToken) is { } failure)
            {
                throw failure;
            }
            throw;
        }
        return dto ?? throw OcmErrors.Malformed(ocmName, page > 0 ? operation.Page(page) : operation.ToString(), "the body is null");
    }

    /// <summary>The <see cref="OcmException"/> a failed request becomes (logged), or null to let it through (the caller's cancellation).</summary>
    private OcmException? Classify(string operation, Exception ex, CancellationToken cancellationToken)
    {
        switch (ex)
        {
            case ApiRequestException { InnerException: OcmException inner }:
                // The token request failed inside the handler; its message already says what to do.
                LogFailed(logger, inner, ocmName, operation);
                return inner;
            case ApiRequestException request:
                return Logged(OcmErrors.FromTransport(ocmName, operation, request.InnerException ?? request, options), operation);
            case ApiException api:
                return Logged(OcmErrors.FromApiException(ocmName, operation, api, options), operation);
            case JsonException json:
                return OcmErrors.Malformed(ocmName, operation, $"the response is not the expected JSON ({json.Message})", json);
            case HttpRequestException or TimeoutRejectedException:
            case OperationCanceledException when !cancellationToken.IsCancellationRequested:
                return Logged(OcmErrors.FromTransport(ocmName, operation, ex, options), operation);
            default:
                return null;
        }
    }

    private OcmException Logged(OcmException failure, string operation)
    {
        LogFailed(logger, failure, ocmName, operation);
        return failure;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "OCM {OcmName}: {Operation} page {Page} returned {Count} items (total {Total})")]
    private static partial void LogPage(ILogger logger, string ocmName, OcmOperation operation, int page, int count, int? total);

    [LoggerMessage(Level = LogLevel.Warning, Message = "OCM {OcmName}: {Operation} failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, string ocmName, string operation);
}
