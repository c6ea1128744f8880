namespace AddonGrains.Configuration;

/// <summary>
/// Reads the configuration a silo runs from <c>--config FILE</c>: the file alone, or the file completed from
/// app-interface when it says <c>appInterface</c>. Used at start and at every reload; every problem is a
/// <see cref="ConfigurationException"/> whose errors name the key path (or the app-interface path).
/// </summary>
public sealed class ConfigurationReader(string path, Func<string, string?> getEnvironmentVariable)
{
    private readonly AppInterfaceLoader _appInterface = new();

    /// <summary>A reader of <paramref name="path"/> that resolves secrets from the process environment.</summary>
    public static ConfigurationReader FromEnvironment(string path) => new(path, Environment.GetEnvironmentVariable);

    /// <summary>The file this reader reads.</summary>
    public string Path => path;

    /// <summary>Reads, validates and (for app-interface) completes the configuration.</summary>
    public async Task<AddonGrainsSettings> ReadAsync(CancellationToken cancellationToken)
    {
        var bytes = SettingsLoader.ReadFile(path);
        var file = new SettingsLoader(getEnvironmentVariable).Load(bytes, path);
        if (file.AppInterface is null)
        {
            return file;
        }
        try
        {
            return await _appInterface.LoadAsync(bytes, file, cancellationToken);
        }
        catch (ConfigurationException ex)
        {
            throw new ConfigurationException(ex.Errors) { FromAppInterface = true };
        }
    }
}
