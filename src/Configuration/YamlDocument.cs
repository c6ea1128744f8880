using System.Text;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace AddonGrains.Configuration;

/// <summary>Turns the file's bytes into its one YAML root node, or a <see cref="ConfigurationException"/> saying why not.</summary>
internal static class YamlDocument
{
    /// <summary>Decodes UTF-8 (a byte order mark is allowed) and parses.</summary>
    public static YamlNode Parse(byte[] bytes, string source)
    {
        string text;
        try
        {
            // Editors on Windows often save a byte order mark; it is not part of the YAML.
            var bom = Encoding.UTF8.Preamble;
            var body = bytes.AsSpan().StartsWith(bom) ? bytes.AsSpan(bom.Length) : bytes.AsSpan();
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(body);
        }
        catch (DecoderFallbackException)
        {
            throw new ConfigurationException($"{source}: the file is not valid UTF-8");
        }

        return Parse(text, source);
    }

    /// <summary>Parses YAML text holding exactly one non-empty document.</summary>
    public static YamlNode Parse(string yaml, string source)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException ex)
        {
            throw new ConfigurationException($"{source}: YAML syntax error at line {ex.Start.Line}, column {ex.Start.Column}: {ex.InnerException?.Message ?? ex.Message}");
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner throws this (not a YamlException) on some truncated flow collections, e.g. "a: [ { b: c".
            throw new ConfigurationException($"{source}: YAML syntax error: the file ends inside an unclosed '[', '{{' or quoted value");
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" })
        {
            throw new ConfigurationException($"{source}: the configuration file is empty");
        }

        if (stream.Documents.Count > 1)
        {
            throw new ConfigurationException($"{source}: expected one YAML document, found {stream.Documents.Count}");
        }

        return stream.Documents[0].RootNode;
    }
}
