using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace AddonGrains.Upstream.Ocm.Dto;

/// <summary>
/// Reads a cluster's add-on installation list (clusters_mgmt's <c>AddOnInstallationList</c> or the add-on service's
/// <c>AddonInstallationList</c>, which adds <c>desired_version</c>), the page every cluster's observation fetches, with the rules of the
/// generated metadata: snake_case names (case-sensitive), unknown fields skipped unparsed, <c>addon</c> and
/// <c>addon_version</c> as links or full objects, an integer <c>total</c> also as a string (web defaults), and any
/// other token where a field's type is expected is a <see cref="JsonException"/>. The generated object converters keep a
/// stack of frames for the nested levels, a 0.5 KB array per page; reading the few fields by hand needs
/// none, nor an object per link. Its strings (add-on ids, versions, states) repeat across the fleet and come from <see cref="OcmSharedStrings"/>.
/// </summary>
internal sealed class OcmAddonInstallationListConverter : JsonConverter<OcmListDto<OcmAddonInstallationDto>>
{
    public override OcmListDto<OcmAddonInstallationDto>? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }
        Expect(ref reader, JsonTokenType.StartObject, "the list");
        var list = new OcmListDto<OcmAddonInstallationDto>();
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("total"u8))
            {
                reader.Read();
                list.Total = Integer(ref reader);
            }
            else if (reader.ValueTextEquals("page"u8))
            {
                reader.Read();
                list.Page = Integer(ref reader);
            }
            else if (reader.ValueTextEquals("size"u8))
            {
                reader.Read();
                list.Size = Integer(ref reader);
            }
            else if (reader.ValueTextEquals("items"u8))
            {
                reader.Read();
                list.Items = Items(ref reader);
            }
            else
            {
                Skip(ref reader);
            }
        }
        return list;
    }

    public override void Write(Utf8JsonWriter writer, OcmListDto<OcmAddonInstallationDto> value, JsonSerializerOptions options) =>
        throw new NotSupportedException("OCM add-on installation lists are only read.");

    private static List<OcmAddonInstallationDto?>? Items(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }
        Expect(ref reader, JsonTokenType.StartArray, "'items'");
        var items = new List<OcmAddonInstallationDto?>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            items.Add(reader.TokenType == JsonTokenType.Null ? null : Installation(ref reader));
        }
        return items;
    }

    private static OcmAddonInstallationDto Installation(ref Utf8JsonReader reader)
    {
        Expect(ref reader, JsonTokenType.StartObject, "an item");
        var installation = new OcmAddonInstallationDto();
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("id"u8))
            {
                reader.Read();
                installation.Id = Text(ref reader);
            }
            else if (reader.ValueTextEquals("addon"u8))
            {
                reader.Read();
                installation.AddonId = LinkId(ref reader);
            }
            else if (reader.ValueTextEquals("addon_version"u8))
            {
                reader.Read();
                installation.AddonVersionId = LinkId(ref reader);
            }
            else if (reader.ValueTextEquals("state"u8))
            {
                reader.Read();
                installation.State = Text(ref reader);
            }
            else if (reader.ValueTextEquals("state_description"u8))
            {
                reader.Read();
                installation.StateDescription = Text(ref reader);
            }
            else if (reader.ValueTextEquals("desired_version"u8))
            {
                reader.Read();
                installation.DesiredVersion = Text(ref reader);
            }
            else
            {
                Skip(ref reader);
            }
        }
        return installation;
    }

    /// <summary>The <c>id</c> of a link or full object (null when it is null or has none).</summary>
    private static string? LinkId(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }
        Expect(ref reader, JsonTokenType.StartObject, "a link or an object");
        string? id = null;
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("id"u8))
            {
                reader.Read();
                id = Text(ref reader);
            }
            else
            {
                Skip(ref reader);
            }
        }
        return id;
    }

    internal static string? Text(ref Utf8JsonReader reader) => OcmSharedStrings.Default.Read(ref reader);

    /// <summary>Moves to the next property name of the current object (true) or to its end (false).</summary>
    internal static bool NextProperty(ref Utf8JsonReader reader) => reader.Read() && reader.TokenType == JsonTokenType.PropertyName;

    /// <summary>Skips the value of the property the reader is on (a whole object or array).</summary>
    internal static void Skip(ref Utf8JsonReader reader)
    {
        reader.Read();
        reader.Skip();
    }

    private static int? Integer(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.Number when reader.TryGetInt32(out var number) => number,
        JsonTokenType.String when int.TryParse(reader.GetString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) => number,
        JsonTokenType.Null => null,
        var token => throw new JsonException($"Expected an integer or null, not {token}."),
    };

    internal static void Expect(ref Utf8JsonReader reader, JsonTokenType token, string what)
    {
        if (reader.TokenType != token)
        {
            throw new JsonException($"Expected {what} to be {token}, not {reader.TokenType}.");
        }
    }
}
