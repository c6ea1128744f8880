using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;

namespace AddonGrains.Upstream.Ocm.Dto;

/// <summary>
/// One string per distinct short value that repeats across a fleet: add-on ids, versions, states, products. Every
/// check reads them again for every cluster; keeping one instance of each saves a string per field per listing
/// (issue 20). Bounded: once <see cref="Capacity"/> values are kept, new values are read as plain strings.
/// </summary>
internal sealed class OcmSharedStrings
{
    /// <summary>Longer values (ids of clusters, descriptions) are unique anyway.</summary>
    private const int MaxLength = 64;

    private readonly ConcurrentDictionary<string, string> _values;
    private readonly ConcurrentDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _byText;

    /// <summary>The instance the OCM converters use.</summary>
    public static OcmSharedStrings Default { get; } = new(4096);

    public OcmSharedStrings(int capacity)
    {
        Capacity = capacity;
        _values = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        _byText = _values.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public int Capacity { get; }

    public int Count => _values.Count;

    /// <summary>The string or null the reader is on; any other token is a <see cref="JsonException"/>.</summary>
    public string? Read(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.String when !reader.HasValueSequence && !reader.ValueIsEscaped && reader.ValueSpan.Length <= MaxLength:
                Span<char> chars = stackalloc char[MaxLength];
                var text = chars[..Encoding.UTF8.GetChars(reader.ValueSpan, chars)];
                if (_byText.TryGetValue(text, out var shared))
                {
                    return shared;
                }
                var value = text.ToString();
                if (_values.Count < Capacity)
                {
                    _values.TryAdd(value, value);
                }
                return value;
            case JsonTokenType.String:
                return reader.GetString();
            default:
                throw new JsonException($"Expected a string or null, not {reader.TokenType}.");
        }
    }
}
