using System.Text.Json;
using System.Text.Json.Serialization;
using static AddonGrains.Upstream.Ocm.Dto.OcmAddonInstallationListConverter;

namespace AddonGrains.Upstream.Ocm.Dto;

/// <summary>
/// Reads the add-on service's <c>AddonStatus</c> with the rules of the listings (snake_case names, unknown fields
/// skipped unparsed, any other token where a field's type is expected is a <see cref="JsonException"/>).
/// <c>status_conditions</c> is read as a bare array or as <c>{items:[…]}</c>: the API model's writers wrap lists in
/// <c>items</c> (as for <c>parameters</c>) where the OpenAPI says array.
/// </summary>
internal sealed class OcmAddonStatusConverter : JsonConverter<OcmAddonStatusDto>
{
    public override OcmAddonStatusDto? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.Null ? null : ReadObject(ref reader, "the status", new OcmAddonStatusDto(), StatusProperty);

    public override void Write(Utf8JsonWriter writer, OcmAddonStatusDto value, JsonSerializerOptions options) =>
        throw new NotSupportedException("OCM add-on statuses are only read.");

    private static bool StatusProperty(ref Utf8JsonReader reader, OcmAddonStatusDto status)
    {
        if (reader.ValueTextEquals("addon_id"u8)) status.AddonId = NextText(ref reader);
        else if (reader.ValueTextEquals("version"u8)) status.Version = NextText(ref reader);
        else if (reader.ValueTextEquals("status_conditions"u8)) NextConditions(ref reader, status.Conditions);
        else return false;
        return true;
    }

    /// <summary>From <c>status_conditions</c> (or its <c>items</c>): a bare array or <c>{items:[…]}</c>.</summary>
    private static void NextConditions(ref Utf8JsonReader reader, List<OcmAddonConditionDto> conditions)
    {
        reader.Read();
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return;
            case JsonTokenType.StartObject:
                while (NextProperty(ref reader))
                {
                    if (reader.ValueTextEquals("items"u8)) NextConditions(ref reader, conditions);
                    else Skip(ref reader);
                }
                return;
            default:
                Expect(ref reader, JsonTokenType.StartArray, "'status_conditions'");
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    conditions.Add(ReadObject(ref reader, "a status condition", new OcmAddonConditionDto(), ConditionProperty));
                }
                return;
        }
    }

    private static bool ConditionProperty(ref Utf8JsonReader reader, OcmAddonConditionDto condition)
    {
        if (reader.ValueTextEquals("status_type"u8)) condition.Type = NextText(ref reader);
        else if (reader.ValueTextEquals("status_value"u8)) condition.Value = NextText(ref reader);
        else if (reader.ValueTextEquals("reason"u8)) condition.Reason = NextText(ref reader);
        else return false;
        return true;
    }
}
