namespace AddonGrains.Simulators.Ocm;

/// <summary>
/// The subset of OCM's SQL-like <c>search</c> the simulator understands: <c>field = 'literal'</c> and
/// <c>field in ('a', 'b')</c> joined by <c>and</c>; <c>''</c> escapes a quote; booleans accept <c>'t'</c>/<c>'true'</c>.
/// Anything else throws <see cref="FormatException"/> (answered as 400).
/// </summary>
internal sealed class OcmSearchFilter
{
    private readonly List<(string Field, HashSet<string> Values)> _terms;

    private OcmSearchFilter(List<(string Field, HashSet<string> Values)> terms) => _terms = terms;

    public static OcmSearchFilter Parse(string? search, IReadOnlySet<string> fields, IReadOnlySet<string> booleanFields)
    {
        var terms = new List<(string, HashSet<string>)>();
        if (string.IsNullOrWhiteSpace(search))
        {
            return new OcmSearchFilter(terms);
        }
        var tokens = Tokenize(search);
        var i = 0;
        while (true)
        {
            var field = Expect(tokens, ref i, t => t.Kind == TokenKind.Word, "a field name").Text;
            if (!fields.Contains(field))
            {
                throw new FormatException($"field '{field}' is not supported in search (supported: {string.Join(", ", fields)})");
            }
            var values = new HashSet<string>(StringComparer.Ordinal);
            var op = Expect(tokens, ref i, t => t.Text == "=" || t.Is("in"), "'=' or 'in'");
            if (op.Text == "=")
            {
                values.Add(Expect(tokens, ref i, t => t.Kind == TokenKind.Literal, "a quoted literal").Text);
            }
            else
            {
                Expect(tokens, ref i, t => t.Text == "(", "'('");
                do
                {
                    values.Add(Expect(tokens, ref i, t => t.Kind == TokenKind.Literal, "a quoted literal").Text);
                }
                while (Optional(tokens, ref i, ","));
                Expect(tokens, ref i, t => t.Text == ")", "')'");
            }
            terms.Add((field, booleanFields.Contains(field) ? values.Select(NormalizeBoolean).ToHashSet() : values));
            if (i == tokens.Count)
            {
                return new OcmSearchFilter(terms);
            }
            Expect(tokens, ref i, t => t.Is("and"), "'and' (only 'and' is supported)");
        }
    }

    /// <summary>True when there was no search: everything matches.</summary>
    public bool IsEmpty => _terms.Count == 0;

    public bool Matches(Func<string, string?> valueOf) => Matches(valueOf, static (f, field) => f(field));

    /// <summary>As <see cref="Matches(Func{string, string?})"/>, without a closure per item (pages filter every cluster).</summary>
    public bool Matches<T>(T item, Func<T, string, string?> fieldOf)
    {
        foreach (var term in _terms)
        {
            if (fieldOf(item, term.Field) is not { } value || !term.Values.Contains(value))
            {
                return false;
            }
        }
        return true;
    }

    private static string NormalizeBoolean(string value) => value.ToLowerInvariant() switch
    {
        "t" or "true" => "true",
        "f" or "false" => "false",
        _ => throw new FormatException($"'{value}' is not a boolean"),
    };

    private static Token Expect(List<Token> tokens, ref int i, Func<Token, bool> accept, string expected)
    {
        if (i >= tokens.Count || !accept(tokens[i]))
        {
            throw new FormatException($"expected {expected} at token {i + 1}" + (i < tokens.Count ? $" but found '{tokens[i].Text}'" : ""));
        }
        return tokens[i++];
    }

    private static bool Optional(List<Token> tokens, ref int i, string text)
    {
        if (i < tokens.Count && tokens[i].Kind == TokenKind.Symbol && tokens[i].Text == text)
        {
            i++;
            return true;
        }
        return false;
    }

    private static List<Token> Tokenize(string search)
    {
        var tokens = new List<Token>();
        for (var i = 0; i < search.Length;)
        {
            var c = search[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c is '=' or '(' or ')' or ',')
            {
                tokens.Add(new Token(TokenKind.Symbol, c.ToString()));
                i++;
            }
            else if (c == '\'')
            {
                var literal = new System.Text.StringBuilder();
                for (i++; ; i++)
                {
                    if (i >= search.Length)
                    {
                        throw new FormatException("unterminated string literal");
                    }
                    if (search[i] == '\'')
                    {
                        if (i + 1 < search.Length && search[i + 1] == '\'')
                        {
                            literal.Append('\'');
                            i++;
                            continue;
                        }
                        i++;
                        break;
                    }
                    literal.Append(search[i]);
                }
                tokens.Add(new Token(TokenKind.Literal, literal.ToString()));
            }
            else if (char.IsLetter(c) || c == '_')
            {
                var start = i;
                while (i < search.Length && (char.IsLetterOrDigit(search[i]) || search[i] is '_' or '.'))
                {
                    i++;
                }
                tokens.Add(new Token(TokenKind.Word, search[start..i]));
            }
            else
            {
                throw new FormatException($"unexpected character '{c}' at position {i + 1}");
            }
        }
        return tokens;
    }

    private enum TokenKind
    {
        Word,
        Literal,
        Symbol,
    }

    private sealed record Token(TokenKind Kind, string Text)
    {
        public bool Is(string keyword) => Kind == TokenKind.Word && Text.Equals(keyword, StringComparison.OrdinalIgnoreCase);
    }
}
