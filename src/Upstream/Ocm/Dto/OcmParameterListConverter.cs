using System.Text.Json;
using System.Text.Json.Serialization;

namespace AddonGrains.Upstream.Ocm.Dto;

/// <summary>Reads <c>{"items":[…]}</c> (what OCM sends) or a bare array.</summary>
internal sealed class OcmParameterListConverter : JsonConverter<OcmParameterListDto>
{
    public override OcmParameterListDto? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        var items = document.RootElement.ValueKind switch
        {
            JsonValueKind.Array => document.RootElement,
            JsonValueKind.Object when document.RootElement.TryGetProperty("items", out var inner) => inner,
            JsonValueKind.Object or JsonValueKind.Null => default,
            _ => throw new JsonException($"'parameters' must be an object or an array, not {document.RootElement.ValueKind}."),
        };
        return new OcmParameterListDto
        {
            Items = items.ValueKind == JsonValueKind.Array ? items.Deserialize<List<OcmParameterDto>>(options) ?? [] : [],
        };
    }

    public override void Write(Utf8JsonWriter writer, OcmParameterListDto value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WritePropertyName("items");
        JsonSerializer.Serialize(writer, value.Items, options);
        writer.WriteEndObject();
    }
}
