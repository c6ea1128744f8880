using System.Text.Json;
using AddonGrains.Upstream.Ocm.Dto;
using Microsoft.Extensions.Logging;
using Polly.Timeout;
using Refit;

namespace AddonGrains.Upstream.Ocm;

/// <summary><see cref="IOcmClient"/> over the Refit <see cref="IOcmApi"/>: all pages, ordered by id, or an <see cref="OcmException"/>.</summary>
internal sealed partial class OcmClient(string ocmName, Func<IOcmApi> createApi, OcmClientOptions options, ILogger<OcmClient> logger) : IOcmClient
{
    private const string Order = "id asc";

    // Stops a server that keeps returning full pages from looping forever (1000 pages of 100 = 100k items).
    private const int MaxPages = 1000;

    public Task<IReadOnlyList<OcmCluster>> ListClustersAsync(string organizationId, CancellationToken cancellationToken = default)
    {
        var search = OcmSearch.ManagedClustersOfOrganization(organizationId);
        var api = createApi();
        return ListAllAsync(
            $"GET /api/clusters_mgmt/v1/clusters (organization '{organizationId}')",
            (page, size, ct) => api.ListClustersAsync(search, page, size, Order, ct),
            OcmMapping.ToCluster,
            cluster => cluster.Id,
            cancellationToken);
    }

    public Task<IReadOnlyList<OcmAddonInstallation>> ListAddonInstallationsAsync(string clusterId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(clusterId);
        var api = createApi();
        return ListAllAsync(
            $"GET /api/clusters_mgmt/v1/clusters/{clusterId}/addons",
            (page, size, ct) => api.ListAddonInstallationsAsync(clusterId, page, size, Order, ct),
            OcmMapping.ToInstallation,
            installation => installation.AddonId,
            cancellationToken);
    }

    public Task<IReadOnlyList<OcmAddon>> ListAddonsAsync(CancellationToken cancellationToken = default)
    {
        var api = createApi();
        return ListAllAsync(
            "GET /api/clusters_mgmt/v1/addons",
            (page, size, ct) => api.ListAddonsAsync(page, size, Order, ct),
            OcmMapping.ToAddon,
            addon => addon.Id,
            cancellationToken);
    }

    private async Task<IReadOnlyList<TModel>> ListAllAsync<TDto, TModel>(
        string operation,
        Func<int, int, CancellationToken, Task<OcmListDto<TDto>>> fetchPage,
        Func<TDto, TModel> map,
        Func<TModel, string> key,
        CancellationToken cancellationToken)
        where TDto : class
    {
        var size = options.PageSize;
        var results = new List<TModel>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var page = 1; ; page++)
        {
            if (page > MaxPages)
            {
                throw OcmErrors.Malformed(ocmName, operation, $"still full pages after {MaxPages} pages");
            }
            var pageOperation = $"{operation} page {page}";
            var dto = await FetchAsync(pageOperation, () => fetchPage(page, size, cancellationToken), cancellationToken);
            if (dto?.Items is null)
            {
                throw OcmErrors.Malformed(ocmName, pageOperation, "the list has no 'items'");
            }
            foreach (var item in dto.Items)
            {
                TModel model;
                try
                {
                    model = map(item ?? throw new FormatException("a null item"));
                }
                catch (FormatException ex)
                {
                    throw OcmErrors.Malformed(ocmName, pageOperation, ex.Message, ex);
                }
                // Items can shift between pages while OCM changes; keep the first copy.
                if (seen.Add(key(model)))
                {
                    results.Add(model);
                }
            }
            LogPage(logger, ocmName, pageOperation, dto.Items.Count, dto.Total);
            if (dto.Items.Count < size || (dto.Size ?? dto.Items.Count) < size)
            {
                return results;
            }
        }
    }

    private async Task<T> FetchAsync<T>(string operation, Func<Task<T>> fetch, CancellationToken cancellationToken)
    {
        try
        {
            return await fetch();
        }
        catch (ApiRequestException ex) when (ex.InnerException is OcmException inner)
        {
            // The token request failed inside the handler; its message already says what to do.
            LogFailed(logger, inner, ocmName, operation);
            throw inner;
        }
        catch (ApiRequestException ex)
        {
            var failure = OcmErrors.FromTransport(ocmName, operation, ex.InnerException ?? ex, options);
            LogFailed(logger, failure, ocmName, operation);
            throw failure;
        }
        catch (ApiException ex)
        {
            var failure = OcmErrors.FromApiException(ocmName, operation, ex, options);
            LogFailed(logger, failure, ocmName, operation);
            throw failure;
        }
        catch (JsonException ex)
        {
            throw OcmErrors.Malformed(ocmName, operation, ex.Message, ex);
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutRejectedException
            || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            var failure = OcmErrors.FromTransport(ocmName, operation, ex, options);
            LogFailed(logger, failure, ocmName, operation);
            throw failure;
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "OCM {OcmName}: {Operation} returned {Count} items (total {Total})")]
    private static partial void LogPage(ILogger logger, string ocmName, string operation, int count, int? total);

    [LoggerMessage(Level = LogLevel.Warning, Message = "OCM {OcmName}: {Operation} failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, string ocmName, string operation);
}
