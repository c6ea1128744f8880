using System.Text;
using System.Text.Json;
using AddonGrains.Upstream.Ocm.Dto;

namespace AddonGrains.Upstream.Tests.Ocm;

/// <summary>
/// The hand-written reader of add-on installation lists reads what System.Text.Json's own metadata (same naming and
/// web defaults, by reflection) reads, and rejects what it rejects, also when the body arrives a byte at a time.
/// </summary>
public sealed class OcmAddonInstallationListConverterTests
{
    private static readonly JsonSerializerOptions Reference = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        PropertyNameCaseInsensitive = false,
        TypeInfoResolver = new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver(),
    };

    public static TheoryData<string> Lists() =>
    [
        OcmFixtures.InstallationList,
        OcmFixtures.Installations(
            """{"kind":"AddOnInstallation","id":"inst-1","addon":{"kind":"AddOn","id":"acm","name":"ACM","parameters":{"items":[{"id":"a","value":[1,{"b":null}]}]}},"addon_version":{"kind":"AddOnVersion","id":"2.9.0","enabled":true},"state":"upgrading"}""",
            """{"kind":"AddOnInstallation","id":"odh","state":"installing","parameters":[{"id":"p","value":"v"}]}"""),
        """{"kind":"AddOnInstallationList","page":"1","size":"2","total":"2","items":[null,{"id":null,"addon":null,"addon_version":null,"state":null,"state_description":null}]}""",
        """{"items":[{"addon":{"id":"acm"},"state":"re\u0061dy","state_description":"line\nbreak \"quoted\""}],"total":1,"extra":{"nested":[[],{}]},"page":null}""",
        """{"total":1,"items":[{"addon":{"id":"a"},"state":"a-state-ocm-added-later","State":"ready","ADDON":{"id":"b"}}]}""",
        """{"total":0,"items":[]}""",
        """{"total":3}""",
        """{"items":null,"total":null}""",
        "null",
    ];

    public static TheoryData<string> Rejected() =>
    [
        "[]",
        "\"a list\"",
        """{"total":true,"items":[]}""",
        """{"total":1.5,"items":[]}""",
        """{"total":"three","items":[]}""",
        """{"total":1,"items":{}}""",
        """{"total":1,"items":["acm"]}""",
        """{"total":1,"items":[{"state":5}]}""",
        """{"total":1,"items":[{"addon":"acm"}]}""",
        """{"total":1,"items":[{"addon":{"id":5}}]}""",
        """{"total":1,"items":[{"addon_version":[]}]}""",
        """{"total":1,"items":[{"state_description":{}}]}""",
    ];

    [Theory]
    [MemberData(nameof(Lists))]
    public async Task Read_ReadsWhatTheGeneratedMetadataReads(string json)
    {
        var expected = JsonSerializer.Deserialize<OcmListDto<LinkedInstallation>>(json, Reference);

        var read = await DeserializeByteByByteAsync(json);

        Assert.Equal(Describe(expected), Describe(read));
        Assert.Equal(Describe(expected), Describe(JsonSerializer.Deserialize(json, OcmJsonContext.Default.OcmListDtoOcmAddonInstallationDto)));
    }

    [Theory]
    [MemberData(nameof(Rejected))]
    public async Task Read_RejectsWhatTheGeneratedMetadataRejects(string json)
    {
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<OcmListDto<LinkedInstallation>>(json, Reference));

        await Assert.ThrowsAsync<JsonException>(() => DeserializeByteByByteAsync(json));
    }

    [Fact]
    public void Read_ValuesThatRepeatAcrossTheFleet_AreOneStringEach()
    {
        var first = JsonSerializer.Deserialize(OcmFixtures.InstallationList, OcmJsonContext.Default.OcmListDtoOcmAddonInstallationDto)!.Items![0]!;
        var second = JsonSerializer.Deserialize(OcmFixtures.InstallationList, OcmJsonContext.Default.OcmListDtoOcmAddonInstallationDto)!.Items![0]!;

        Assert.Same(first.AddonId, second.AddonId);
        Assert.Same(first.AddonVersionId, second.AddonVersionId);
        Assert.Same(first.State, second.State);
    }

    [Fact]
    public void SharedStrings_WhenFull_ReadNewValuesWithoutKeepingThem()
    {
        var strings = new OcmSharedStrings(capacity: 2);

        var values = new[] { "ready", "2.9.0", "acm", "ready", "acm", "caf\u00e9", "x".PadLeft(65, 'x') }.Select(v => Read(strings, v)).ToArray();

        Assert.Equal(["ready", "2.9.0", "acm", "ready", "acm", "café", "x".PadLeft(65, 'x')], values);
        Assert.Same(values[0], values[3]);
        Assert.NotSame(values[2], values[4]);
        Assert.Equal(2, strings.Count);
        Assert.Null(Read(strings, null));
        Assert.Throws<JsonException>(() => Read(strings, 5));
    }

    [Fact]
    public void SharedStrings_InvalidUtf8_IsRejectedAsSystemTextJsonRejectsIt()
    {
        var strings = new OcmSharedStrings(capacity: 8);
        byte[] json = [(byte)'"', 0x61, 0xC3, 0x28, (byte)'"'];

        var ex = Record.Exception(() =>
        {
            var reader = new Utf8JsonReader(json);
            reader.Read();
            return strings.Read(ref reader);
        });

        Assert.True(ex is InvalidOperationException or JsonException, $"expected a rejection, got {ex?.GetType().Name ?? "a value"}");
        Assert.Equal(0, strings.Count);
    }

    private static string? Read(OcmSharedStrings strings, object? value)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(value switch
        {
            null => "null",
            string text => $"\"{text}\"",
            _ => value.ToString()!,
        }));
        reader.Read();
        return strings.Read(ref reader);
    }

    private static async Task<OcmListDto<OcmAddonInstallationDto>?> DeserializeByteByByteAsync(string json)
    {
        await using var body = new TrickleStream(Encoding.UTF8.GetBytes(json));
        return await JsonSerializer.DeserializeAsync(body, OcmJsonContext.Default.OcmListDtoOcmAddonInstallationDto, TestContext.Current.CancellationToken);
    }

    private static string Describe(OcmListDto<LinkedInstallation>? list) =>
        Describe(list, i => (i.Id, i.Addon?.Id, i.AddonVersion?.Id, i.State, i.StateDescription));

    private static string Describe(OcmListDto<OcmAddonInstallationDto>? list) =>
        Describe(list, i => (i.Id, i.AddonId, i.AddonVersionId, i.State, i.StateDescription));

    private static string Describe<T>(OcmListDto<T>? list, Func<T, (string?, string?, string?, string?, string?)> fields)
        where T : class =>
        list is null
            ? "null"
            : $"page={list.Page} size={list.Size} total={list.Total} items="
              + (list.Items is null ? "null" : string.Join(" | ", list.Items.Select(i => i is null ? "null" : fields(i).ToString())));

    /// <summary>The installation as the JSON nests it, read by System.Text.Json's own metadata for comparison.</summary>
    private sealed class LinkedInstallation
    {
        public string? Id { get; set; }

        public Link? Addon { get; set; }

        public Link? AddonVersion { get; set; }

        public string? State { get; set; }

        public string? StateDescription { get; set; }
    }

    private sealed class Link
    {
        public string? Id { get; set; }
    }

    /// <summary>A body that arrives one byte per read, as a slow connection delivers it.</summary>
    private sealed class TrickleStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, 1));

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, 1)], cancellationToken);
    }
}
