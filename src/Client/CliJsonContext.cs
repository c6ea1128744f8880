using System.Text.Json.Serialization;

namespace AddonGrains.Client;

/// <summary>Source-generated, camelCase, indented JSON for every <c>-o json</c> shape.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(ImmutableArray<StatusJson>))]
[JsonSerializable(typeof(StatusJson))]
[JsonSerializable(typeof(ImmutableArray<ClusterJson>))]
[JsonSerializable(typeof(ImmutableArray<TriggerJson>))]
[JsonSerializable(typeof(ActionJson))]
[JsonSerializable(typeof(ValidationJson))]
[JsonSerializable(typeof(ImmutableArray<SiloJson>))]
[JsonSerializable(typeof(VerdictDocument))]
internal sealed partial class CliJsonContext : JsonSerializerContext;
