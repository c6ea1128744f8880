namespace AddonGrains.Configuration;

/// <summary>
/// Loads and validates the YAML configuration (docs/configuration.md): <see cref="YamlDocument"/> parses, the binders
/// (<see cref="SettingsBinder"/>, <see cref="PolicyBinder"/>, <see cref="SecretBinder"/>) read the keys (each binder is the
/// schema of its mappings, <see cref="ConfigMapping"/>) into the typed records, and <see cref="NodeValidator"/> collects every problem with its
/// key path; any problem throws <see cref="ConfigurationException"/>. Secrets are resolved from env vars or files
/// and never appear in a message.
/// </summary>
public sealed class SettingsLoader(Func<string, string?> getEnvironmentVariable)
{
    /// <summary>A loader that reads the process environment.</summary>
    public static SettingsLoader FromEnvironment() => new(Environment.GetEnvironmentVariable);

    /// <summary>Loads the file at <paramref name="path"/>.</summary>
    public AddonGrainsSettings LoadFile(string path) => Load(ReadFile(path), path);

    /// <summary>The file's bytes, or a <see cref="ConfigurationException"/> naming the file.</summary>
    public static byte[] ReadFile(string path)
    {
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ConfigurationException($"{path}: cannot read the configuration file ({ex.Message})");
        }
    }

    /// <summary>Loads configuration from raw bytes; <paramref name="source"/> names it in messages.</summary>
    public AddonGrainsSettings Load(byte[] bytes, string source = "configuration") =>
        Bind(YamlDocument.Parse(bytes, source)) with { Hash = ConfigHash.Of(bytes) };

    /// <summary>Loads configuration from YAML text; <paramref name="source"/> names it in messages.</summary>
    public AddonGrainsSettings Load(string yaml, string source = "configuration") =>
        Bind(YamlDocument.Parse(yaml, source)) with { Hash = ConfigHash.Of(System.Text.Encoding.UTF8.GetBytes(yaml)) };

    private AddonGrainsSettings Bind(YamlDotNet.RepresentationModel.YamlNode root)
    {
        var validator = new NodeValidator();
        var settings = new SettingsBinder(validator, new SecretBinder(validator, getEnvironmentVariable)).Bind(root);
        validator.Finish();
        if (validator.Errors.Count > 0 || settings is null)
        {
            throw new ConfigurationException([.. validator.Errors]);
        }

        return settings;
    }
}
