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
    public override OcmListDto<OcmAddonInstallationDto>? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.Null ? null : ReadObject(ref reader, "the list", new OcmListDto<OcmAddonInstallationDto>(), ListProperty);

    public override void Write(Utf8JsonWriter writer, OcmListDto<OcmAddonInstallationDto> value, JsonSerializerOptions options) =>
        throw new NotSupportedException("OCM add-on installation lists are only read.");

    private static bool ListProperty(ref Utf8JsonReader reader, OcmListDto<OcmAddonInstallationDto> list)
    {
        if (reader.ValueTextEquals("total"u8)) list.Total = NextInteger(ref reader);
        else if (reader.ValueTextEquals("page"u8)) list.Page = NextInteger(ref reader);
        else if (reader.ValueTextEquals("size"u8)) list.Size = NextInteger(ref reader);
        else if (reader.ValueTextEquals("items"u8)) list.Items = NextItems(ref reader);
        else return false;
        return true;
    }

    private static List<OcmAddonInstallationDto?>? NextItems(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }
        Expect(ref reader, JsonTokenType.StartArray, "'items'");
        var items = new List<OcmAddonInstallationDto?>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            items.Add(reader.TokenType == JsonTokenType.Null ? null : ReadObject(ref reader, "an item", new OcmAddonInstallationDto(), InstallationProperty));
        }
        return items;
    }

    private static bool InstallationProperty(ref Utf8JsonReader reader, OcmAddonInstallationDto installation)
    {
        if (reader.ValueTextEquals("id"u8)) installation.Id = NextText(ref reader);
        else if (reader.ValueTextEquals("addon"u8)) installation.AddonId = NextLinkId(ref reader);
        else if (reader.ValueTextEquals("addon_version"u8)) installation.AddonVersionId = NextLinkId(ref reader);
        else if (reader.ValueTextEquals("state"u8)) installation.State = NextText(ref reader);
        else if (reader.ValueTextEquals("state_description"u8)) installation.StateDescription = NextText(ref reader);
        else if (reader.ValueTextEquals("desired_version"u8)) installation.DesiredVersion = NextText(ref reader);
        else return false;
        return true;
    }

    /// <summary>The <c>id</c> of a link or full object (null when it is null or has none).</summary>
    private static string? NextLinkId(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }
        Expect(ref reader, JsonTokenType.StartObject, "a link or an object");
        string? id = null;
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("id"u8)) id = NextText(ref reader);
            else Skip(ref reader);
        }
        return id;
    }

    /// <summary>Reads a property's value for <see cref="ReadObject"/>: true when it knows the name (the reader is then on the value read).</summary>
    internal delegate bool PropertyReader<in T>(ref Utf8JsonReader reader, T target);

    /// <summary>Reads the object the reader is on into <paramref name="target"/>; properties <paramref name="read"/> does not know are skipped unparsed.</summary>
    internal static T ReadObject<T>(ref Utf8JsonReader reader, string what, T target, PropertyReader<T> read)
    {
        Expect(ref reader, JsonTokenType.StartObject, what);
        while (NextProperty(ref reader))
        {
            if (!read(ref reader, target))
            {
                Skip(ref reader);
            }
        }
        return target;
    }

    /// <summary>From a property name: reads its value as a string.</summary>
    internal static string? NextText(ref Utf8JsonReader reader)
    {
        reader.Read();
        return Text(ref reader);
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

    private static int? NextInteger(ref Utf8JsonReader reader) => reader.Read() ? reader.TokenType switch
    {
        JsonTokenType.Number when reader.TryGetInt32(out var number) => number,
        JsonTokenType.String when int.TryParse(reader.GetString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) => number,
        JsonTokenType.Null => null,
        var token => throw new JsonException($"Expected an integer or null, not {token}."),
    } : throw new JsonException("Expected an integer or null, not the end of the input.");

    internal static void Expect(ref Utf8JsonReader reader, JsonTokenType token, string what)
    {
        if (reader.TokenType != token)
        {
            throw new JsonException($"Expected {what} to be {token}, not {reader.TokenType}.");
        }
    }
}
