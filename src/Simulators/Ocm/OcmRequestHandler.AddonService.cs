using Microsoft.AspNetCore.Http;
using static AddonGrains.Simulators.Ocm.OcmResponses;

namespace AddonGrains.Simulators.Ocm;

/// <summary>The add-on service's routes: a cluster's installations (page, size, order; no search) and one add-on's status.</summary>
internal sealed partial class OcmRequestHandler
{
    private static readonly HashSet<string> NoFields = [];
    private int _bareParameters;

    /// <summary>Whether the add-on service writes <c>parameters</c> as a bare array instead of <c>{items:[…]}</c>.</summary>
    public bool BareParameters
    {
        get => Volatile.Read(ref _bareParameters) != 0;
        set => Volatile.Write(ref _bareParameters, value ? 1 : 0);
    }

    private static string ServiceRoute(string[] segments) => segments switch
    {
        [_, "addons"] => OcmRoutes.ServiceAddons,
        [_, "status", _] => OcmRoutes.AddonStatus,
        _ => OcmRoutes.Other,
    };

    private async Task AddonServiceAsync(HttpContext context, string route, string[] segments, CancellationToken ct)
    {
        var clusterId = segments[0];
        try
        {
            Action<System.Text.Json.Utf8JsonWriter>? body;
            string missing;
            if (route == OcmRoutes.AddonStatus)
            {
                var addonId = segments[2];
                body = state.Installation(clusterId, addonId) is { } installation
                    ? w => OcmAddonServiceJson.WriteStatus(w, clusterId, installation)
                    : null;
                missing = $"Add-on '{addonId}' has no status on cluster '{clusterId}'";
            }
            else
            {
                var bare = BareParameters;
                // The model gives this list no 'search'; a 'search' sent anyway is ignored, like any unknown parameter.
                body = state.Installations(clusterId) is { } installations
                    ? Page(context, "AddonInstallationList", installations, NoFields, NoBooleans, (_, _) => null, i => i.AddonId, i => i.AddonId,
                        i => i.Created.ToString("O"), (w, i) => OcmAddonServiceJson.WriteInstallation(w, clusterId, i, bare), search: false)
                    : null;
                missing = $"Cluster '{clusterId}' not found";
            }
            await WriteAsync(context, body is null ? 404 : 200, body ?? (w => OcmJsonWriter.Error(404, missing, OcmAddonServiceJson.Service).WriteTo(w)), ct);
        }
        catch (FormatException ex)
        {
            await WriteAsync(context, 400, OcmJsonWriter.Error(400, $"Can't process request: {ex.Message}", OcmAddonServiceJson.Service), ct);
        }
    }
}
