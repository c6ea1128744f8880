using System.Text.Json;
using System.Text.Json.Serialization;

namespace AddonGrains.Upstream.Ocm.Dto;

/// <summary>Reads a string field whose values repeat across the fleet (a state, a link's id) through <see cref="OcmSharedStrings"/>.</summary>
internal sealed class OcmSharedStringConverter : JsonConverter<string>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        OcmSharedStrings.Default.Read(ref reader);

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}
