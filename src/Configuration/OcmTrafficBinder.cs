using System.Globalization;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace AddonGrains.Configuration;

/// <summary>
/// The OCM traffic keys: <c>ocm[].maxConcurrency</c>, <c>ocm[].maxRequestsPerSecond</c>, <c>ocm[].addonsApi</c>,
/// <c>ocm[].addonStatus</c>, <c>organizations[].products</c>.
/// </summary>
internal sealed partial class OcmTrafficBinder(NodeValidator v)
{
    private const int MaxOcmConcurrency = 256;

    public (int MaxConcurrency, double? MaxRequestsPerSecond) Budget(ConfigMapping map, string path)
    {
        var concurrency = v.WholeNumber(map, path, "maxConcurrency", OcmEnvironment.DefaultMaxConcurrency, 1, MaxOcmConcurrency);
        double? rate = null;
        if (map.Get("maxRequestsPerSecond") is { } r)
        {
            if (r is YamlScalarNode { Value: { } text }
                && double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var perSecond)
                && perSecond is >= 0.1 and <= 10_000)
            {
                rate = perSecond;
            }
            else
            {
                v.Error($"{path}.maxRequestsPerSecond: expected a number from 0.1 to 10000 (leave it out for no rate cap)");
            }
        }

        return (concurrency, rate);
    }

    /// <summary><c>addonsApi</c> (default <c>addons_mgmt</c>) and <c>addonStatus</c> (default: true with <c>addons_mgmt</c>; clusters_mgmt has no status).</summary>
    public (AddonsApi Api, bool Status) Addons(ConfigMapping map, string path)
    {
        var api = AddonsApi.AddonsMgmt;
        if (map.Get("addonsApi") is { } apiNode)
        {
            switch (v.Scalar(apiNode, $"{path}.addonsApi"))
            {
                case "addons_mgmt":
                    break;
                case "clusters_mgmt":
                    api = AddonsApi.ClustersMgmt;
                    break;
                case { } other:
                    v.Error($"{path}.addonsApi: '{other}' is not one of addons_mgmt, clusters_mgmt");
                    break;
            }
        }

        var status = api == AddonsApi.AddonsMgmt;
        if (map.Get("addonStatus") is { } statusNode)
        {
            switch (v.Scalar(statusNode, $"{path}.addonStatus"))
            {
                case "true":
                    status = true;
                    break;
                case "false":
                    status = false;
                    break;
                case { } other:
                    v.Error($"{path}.addonStatus: '{other}' is not one of true, false");
                    break;
            }

            if (status && api == AddonsApi.ClustersMgmt)
            {
                v.Error($"{path}.addonStatus: true needs addonsApi: addons_mgmt (clusters_mgmt has no add-on status); remove it or set it to false");
                status = false;
            }
        }

        return (api, status);
    }

    public ImmutableArray<string> Products(ConfigMapping map, string path)
    {
        if (map.Get("products") is not { } node)
        {
            return [];
        }

        if (node is not YamlSequenceNode { Children.Count: > 0 } list)
        {
            v.Error($"{path}.products: expected a non-empty list of OCM product ids, e.g. [osd, rosa, hypershift]");
            return [];
        }

        var products = ImmutableArray.CreateBuilder<string>();
        for (var i = 0; i < list.Children.Count; i++)
        {
            if (v.Scalar(list.Children[i], $"{path}.products[{i}]") is not { } product)
            {
                continue;
            }

            if (!ProductIdPattern().IsMatch(product))
            {
                v.Error($"{path}.products[{i}]: '{product}' is not an OCM product id (lower-case letters, digits, '_' and '-')");
            }
            else if (products.Contains(product))
            {
                v.Error($"{path}.products[{i}]: '{product}' is listed twice");
            }
            else
            {
                products.Add(product);
            }
        }

        return products.ToImmutable();
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9_-]*$")]
    private static partial Regex ProductIdPattern();
}
