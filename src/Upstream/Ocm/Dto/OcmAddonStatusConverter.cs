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
    public override OcmAddonStatusDto? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }
        Expect(ref reader, JsonTokenType.StartObject, "the status");
        var status = new OcmAddonStatusDto();
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("addon_id"u8))
            {
                reader.Read();
                status.AddonId = Text(ref reader);
            }
            else if (reader.ValueTextEquals("version"u8))
            {
                reader.Read();
                status.Version = Text(ref reader);
            }
            else if (reader.ValueTextEquals("status_conditions"u8))
            {
                reader.Read();
                Conditions(ref reader, status.Conditions);
            }
            else
            {
                Skip(ref reader);
            }
        }
        return status;
    }

    public override void Write(Utf8JsonWriter writer, OcmAddonStatusDto value, JsonSerializerOptions options) =>
        throw new NotSupportedException("OCM add-on statuses are only read.");

    private static void Conditions(ref Utf8JsonReader reader, List<OcmAddonConditionDto> conditions)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return;
            case JsonTokenType.StartObject:
                while (NextProperty(ref reader))
                {
                    if (reader.ValueTextEquals("items"u8))
                    {
                        reader.Read();
                        Conditions(ref reader, conditions);
                    }
                    else
                    {
                        Skip(ref reader);
                    }
                }
                return;
            default:
                Expect(ref reader, JsonTokenType.StartArray, "'status_conditions'");
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    conditions.Add(Condition(ref reader));
                }
                return;
        }
    }

    private static OcmAddonConditionDto Condition(ref Utf8JsonReader reader)
    {
        Expect(ref reader, JsonTokenType.StartObject, "a status condition");
        var condition = new OcmAddonConditionDto();
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("status_type"u8))
            {
                reader.Read();
                condition.Type = Text(ref reader);
            }
            else if (reader.ValueTextEquals("status_value"u8))
            {
                reader.Read();
                condition.Value = Text(ref reader);
            }
            else if (reader.ValueTextEquals("reason"u8))
            {
                reader.Read();
                condition.Reason = Text(ref reader);
            }
            else
            {
                Skip(ref reader);
            }
        }
        return condition;
    }
}
