using YamlDotNet.RepresentationModel;

namespace AddonGrains.Configuration;

/// <summary>Binds <c>{ env: VAR }</c> / <c>{ file: PATH }</c> and reads the secret; the value never reaches a message.</summary>
internal sealed class SecretBinder(NodeValidator v, Func<string, string?> getEnvironmentVariable)
{
    public Secret? Required(ConfigMapping map, string path, string key)
    {
        if (map.Get(key) is not { } node)
        {
            v.Error($"{path}.{key}: required (as {{ env: VAR }} or {{ file: /path }})");
            return null;
        }

        return Bind(node, $"{path}.{key}");
    }

    public Secret? Bind(YamlNode node, string path)
    {
        if (node is YamlScalarNode)
        {
            v.Error($"{path}: secrets are never written inline; use {{ env: VAR }} or {{ file: /path }}");
            return null;
        }

        if (v.Mapping(node, path) is not { } map)
        {
            return null;
        }

        var env = map.Get("env");
        var file = map.Get("file");
        if ((env is null) == (file is null))
        {
            v.Error($"{path}: set exactly one of 'env' and 'file'");
            return null;
        }

        return env is not null ? FromEnvironment(env, path) : FromFile(file!, path);
    }

    private Secret? FromEnvironment(YamlNode env, string path)
    {
        var name = v.Scalar(env, $"{path}.env");
        if (name is null)
        {
            return null;
        }

        var value = getEnvironmentVariable(name);
        if (string.IsNullOrEmpty(value))
        {
            v.Error($"{path}.env: environment variable '{name}' is not set or empty");
            return null;
        }

        return new Secret(value, $"env {name}");
    }

    private Secret? FromFile(YamlNode file, string path)
    {
        var filePath = v.Scalar(file, $"{path}.file");
        if (filePath is null)
        {
            return null;
        }

        try
        {
            var value = File.ReadAllText(filePath).TrimEnd('\r', '\n');
            if (value.Length == 0)
            {
                v.Error($"{path}.file: secret file '{filePath}' is empty");
                return null;
            }

            return new Secret(value, $"file {filePath}");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            v.Error($"{path}.file: cannot read secret file '{filePath}' ({ex.GetType().Name})");
            return null;
        }
    }
}
