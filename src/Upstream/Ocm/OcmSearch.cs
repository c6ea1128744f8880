using System.Text.RegularExpressions;

namespace AddonGrains.Upstream.Ocm;

/// <summary>Builds OCM <c>search</c> expressions. All literals go through <see cref="Quote"/>.</summary>
internal static partial class OcmSearch
{
    /// <summary>
    /// <c>organization.id='ORG' and managed='true'</c>. The cluster object has no organization field; the
    /// search term is how OCM selects an organization's clusters.
    /// </summary>
    public static string ManagedClustersOfOrganization(string organizationId) => ManagedClustersOfOrganization(organizationId, []);

    /// <summary>
    /// As above, and <c>and product.id in ('osd','rosa')</c> when <paramref name="products"/> is not empty (each
    /// literal quoted, as the reference consumer filters).
    /// </summary>
    public static string ManagedClustersOfOrganization(string organizationId, IReadOnlyCollection<string> products)
    {
        ArgumentNullException.ThrowIfNull(products);
        ArgumentNullException.ThrowIfNull(organizationId);
        if (!OrganizationIdPattern().IsMatch(organizationId))
        {
            throw new ArgumentException(
                $"Organization id '{organizationId}' is not valid: only letters, digits, '_' and '-' are allowed.",
                nameof(organizationId));
        }
        var search = $"organization.id={Quote(organizationId)} and managed={Quote("true")}";
        return products.Count == 0 ? search : $"{search} and product.id in ({string.Join(",", products.Select(Quote))})";
    }

    /// <summary>A single-quoted search literal; an embedded <c>'</c> is doubled.</summary>
    public static string Quote(string literal) => $"'{literal.Replace("'", "''", StringComparison.Ordinal)}'";

    [GeneratedRegex("^[A-Za-z0-9_-]+$")]
    private static partial Regex OrganizationIdPattern();
}
