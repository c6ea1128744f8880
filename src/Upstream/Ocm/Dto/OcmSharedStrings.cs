using System.Collections.Concurrent;
using System.Buffers;
using System.Text.Unicode;
using System.Text.Json;

namespace AddonGrains.Upstream.Ocm.Dto;

/// <summary>
/// One string per distinct short value that repeats across a fleet: add-on ids, versions, states, products. Every
/// check reads them again for every cluster; keeping one instance of each saves a string per field per listing
///. Bounded: once <see cref="Capacity"/> values are kept, new values are read as plain strings.
/// </summary>
internal sealed class OcmSharedStrings
{
    /// <summary>Longer values (ids of clusters, descriptions) are unique anyway.</summary>
    private const int MaxLength = 64;

    private readonly ConcurrentDictionary<string, string> _values;
    private readonly ConcurrentDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _byText;
    private int _kept;

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
                // Invalid UTF-8 falls through to GetString, which rejects it as System.Text.Json always does.
                if (Utf8.ToUtf16(reader.ValueSpan, chars, out _, out var written, replaceInvalidSequences: false) != OperationStatus.Done)
                {
                    return reader.GetString();
                }
                var text = chars[..written];
                if (_byText.TryGetValue(text, out var shared))
                {
                    return shared;
                }
                var value = text.ToString();
                if (Volatile.Read(ref _kept) < Capacity && _values.TryAdd(value, value))
                {
                    Interlocked.Increment(ref _kept);
                }
                return value;
            case JsonTokenType.String:
                return reader.GetString();
            default:
                throw new JsonException($"Expected a string or null, not {reader.TokenType}.");
        }
    }
}
