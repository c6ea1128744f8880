using System.Text;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace AddonGrains.Grains.Configuration;

/// <summary>
/// Loads and validates the YAML configuration (contract §2). Every problem is collected with its key path;
/// any problem throws <see cref="ConfigurationException"/>. Secrets are resolved from env vars or files and never
/// appear in a message.
/// </summary>
public sealed partial class SettingsLoader(Func<string, string?> getEnvironmentVariable)
{
    private static readonly string[] RootKeys = ["ocm", "jenkins", "organizations", "policy", "polling", "history"];
    private static readonly string[] OcmKeys = ["name", "url", "accessTokenUrl", "accessTokenClientId", "accessTokenClientSecret", "maxConcurrency", "maxRequestsPerSecond"];
    private static readonly string[] JenkinsKeys = ["name", "serverUrl", "user", "token", "password"];
    private static readonly string[] OrganizationKeys = ["name", "ocm", "orgId", "addonUpgradeTests", "policy", "products"];
    private static readonly string[] TestKeys = ["addon", "instance", "name", "parameters"];
    private static readonly string[] PolicyKeys = ["firstSeen", "rollbacks", "notReadyClusters", "soak", "stallAfter"];
    private static readonly string[] PollingKeys = ["interval", "rolloutInterval", "ocmConcurrency"];
    private static readonly string[] HistoryKeys = ["keep", "triggerStateRetention"];
    private static readonly string[] SecretKeys = ["env", "file"];

    private readonly List<string> _errors = [];

    /// <summary>A loader that reads the process environment.</summary>
    public static SettingsLoader FromEnvironment() => new(Environment.GetEnvironmentVariable);

    /// <summary>Loads the file at <paramref name="path"/>.</summary>
    public AddonGrainsSettings LoadFile(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ConfigurationException($"{path}: cannot read the configuration file ({ex.Message})");
        }

        return Load(bytes, path);
    }

    /// <summary>Loads configuration from raw bytes; <paramref name="source"/> names it in messages.</summary>
    public AddonGrainsSettings Load(byte[] bytes, string source = "configuration")
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

        return Load(text, source);
    }

    /// <summary>Loads configuration from YAML text; <paramref name="source"/> names it in messages.</summary>
    public AddonGrainsSettings Load(string yaml, string source = "configuration")
    {
        _errors.Clear();
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

        var settings = Bind(stream.Documents[0].RootNode);
        if (_errors.Count > 0 || settings is null)
        {
            throw new ConfigurationException([.. _errors]);
        }

        return settings;
    }

    private AddonGrainsSettings? Bind(YamlNode root)
    {
        if (Mapping(root, "(root)", RootKeys) is not { } map)
        {
            return null;
        }

        var defaults = Get(map, "policy") is { } policyNode ? BindPolicy(policyNode, "policy", RolloutPolicy.Default) : RolloutPolicy.Default;
        var polling = Get(map, "polling") is { } pollingNode ? BindPolling(pollingNode, "polling") : PollingSettings.Default;
        var ocm = BindList(map, "ocm", required: true, BindOcm);
        var jenkins = BindList(map, "jenkins", required: true, BindJenkins);
        Unique(ocm.Select(o => o.Name), "ocm", "name", "OCM environment");
        Unique(jenkins.Select(j => j.Name), "jenkins", "name", "Jenkins instance");

        var ocmNames = ocm.Select(o => o.Name).ToHashSet(StringComparer.Ordinal);
        var jenkinsNames = jenkins.Select(j => j.Name).ToHashSet(StringComparer.Ordinal);
        var organizations = BindList(map, "organizations", required: true,
            (node, path) => BindOrganization(node, path, defaults, ocmNames, jenkinsNames));
        Unique(organizations.Select(o => o.Name), "organizations", "name", "organization name");
        Unique(organizations.Select(o => $"{o.Ocm}/{o.OrgId}"), "organizations", "orgId", "organization (ocm, orgId)");

        var history = Get(map, "history") is { } historyNode ? BindHistory(historyNode, "history") : HistorySettings.Default;
        return new AddonGrainsSettings(ocm, jenkins, organizations, defaults, polling) { History = history };
    }

    private OcmEnvironment? BindOcm(YamlNode node, string path)
    {
        if (Mapping(node, path, OcmKeys) is not { } map)
        {
            return null;
        }

        var name = Name(map, path, "name");
        var url = Url(map, path, "url");
        var tokenUrl = Url(map, path, "accessTokenUrl");
        var clientId = RequiredString(map, path, "accessTokenClientId");
        var secret = RequiredSecret(map, path, "accessTokenClientSecret");
        var (maxConcurrency, maxRequestsPerSecond) = BindOcmBudget(map, path);
        return name is null || url is null || tokenUrl is null || clientId is null || secret is null
            ? null
            : new OcmEnvironment(name, url, tokenUrl, clientId, secret, maxConcurrency, maxRequestsPerSecond);
    }

    private JenkinsInstance? BindJenkins(YamlNode node, string path)
    {
        if (Mapping(node, path, JenkinsKeys) is not { } map)
        {
            return null;
        }

        var name = Name(map, path, "name");
        var url = Url(map, path, "serverUrl");
        var user = RequiredString(map, path, "user");
        var token = Get(map, "token") is { } t ? BindSecret(t, $"{path}.token") : null;
        var password = Get(map, "password") is { } p ? BindSecret(p, $"{path}.password") : null;
        var hasToken = Get(map, "token") is not null;
        var hasPassword = Get(map, "password") is not null;
        if (hasToken == hasPassword)
        {
            Error($"{path}: set exactly one of 'token' (API token, recommended) and 'password'");
        }

        return name is null || url is null || user is null || (token is null && password is null)
            ? null
            : new JenkinsInstance(name, url, user, token, password);
    }

    private OrganizationSettings? BindOrganization(
        YamlNode node, string path, RolloutPolicy defaults, HashSet<string> ocmNames, HashSet<string> jenkinsNames)
    {
        if (Mapping(node, path, OrganizationKeys) is not { } map)
        {
            return null;
        }

        var name = Name(map, path, "name");
        var ocm = RequiredString(map, path, "ocm");
        if (ocm is not null && !ocmNames.Contains(ocm))
        {
            Error($"{path}.ocm: unknown OCM environment '{ocm}'{Known(ocmNames)}");
        }

        var orgId = RequiredString(map, path, "orgId");
        if (orgId is not null && !OrgIdPattern().IsMatch(orgId))
        {
            Error($"{path}.orgId: '{orgId}' is not a valid OCM organization id (letters, digits, '_' and '-' only)");
            orgId = null;
        }

        var policy = Get(map, "policy") is { } policyNode ? BindPolicy(policyNode, $"{path}.policy", defaults) : defaults;
        var tests = BindList(map, "addonUpgradeTests", required: true,
            (n, p) => BindTest(n, p, jenkinsNames), $"{path}.");
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < tests.Length; i++)
        {
            var key = $"{tests[i].Addon}|{tests[i].Instance}|{tests[i].Name}";
            if (!seen.TryAdd(key, i))
            {
                Error($"{path}.addonUpgradeTests[{i}]: add-on '{tests[i].Addon}', instance '{tests[i].Instance}' and job '{tests[i].Name}' are already listed at addonUpgradeTests[{seen[key]}]");
            }
        }

        var products = BindProducts(map, path);
        return name is null || ocm is null || orgId is null ? null : new OrganizationSettings(name, ocm, orgId, tests, policy, products);
    }

    private AddonUpgradeTest? BindTest(YamlNode node, string path, HashSet<string> jenkinsNames)
    {
        if (Mapping(node, path, TestKeys) is not { } map)
        {
            return null;
        }

        var addon = RequiredString(map, path, "addon");
        if (addon is not null && !AddonIdPattern().IsMatch(addon))
        {
            Error($"{path}.addon: '{addon}' is not a valid OCM add-on id (letters, digits, '.', '_' and '-'; starting with a letter or digit)");
            addon = null;
        }

        var instance = RequiredString(map, path, "instance");
        if (instance is not null && !jenkinsNames.Contains(instance))
        {
            Error($"{path}.instance: unknown Jenkins instance '{instance}'{Known(jenkinsNames)}");
        }

        var job = RequiredString(map, path, "name");
        if (job is not null && job.Split('/').Any(s => s.Trim().Length == 0))
        {
            Error($"{path}.name: '{job}' is not a Jenkins job path (use 'job' or 'folder/sub/job', no empty segments)");
            job = null;
        }

        var parameters = ImmutableArray<JobParameter>.Empty;
        if (Get(map, "parameters") is { } paramNode)
        {
            parameters = BindParameters(paramNode, $"{path}.parameters");
        }

        return addon is null || instance is null || job is null ? null : new AddonUpgradeTest(addon, instance, job, parameters);
    }

    private ImmutableArray<JobParameter> BindParameters(YamlNode node, string path)
    {
        if (node is not YamlMappingNode map)
        {
            Error($"{path}: expected a mapping of parameter names to values, e.g. {{ ENV: integration }}");
            return [];
        }

        var result = ImmutableArray.CreateBuilder<JobParameter>();
        foreach (var (keyNode, valueNode) in map.Children)
        {
            var key = ((YamlScalarNode)keyNode).Value ?? "";
            if (!ParameterNamePattern().IsMatch(key))
            {
                Error($"{path}.{key}: '{key}' is not a valid Jenkins parameter name");
            }
            else if (Triggers.TriggerParameters.Names.Contains(key))
            {
                Error($"{path}.{key}: '{key}' is set by AddonGrains itself and cannot be a static parameter");
            }
            else if (valueNode is not YamlScalarNode { Value: { } value })
            {
                Error($"{path}.{key}: expected a single value");
            }
            else
            {
                result.Add(new JobParameter(key, value));
            }
        }

        return result.ToImmutable();
    }

    private RolloutPolicy BindPolicy(YamlNode node, string path, RolloutPolicy defaults)
    {
        if (Mapping(node, path, PolicyKeys) is not { } map)
        {
            return defaults;
        }

        return new RolloutPolicy(
            EnumValue(map, path, "firstSeen", defaults.FirstSeen),
            EnumValue(map, path, "rollbacks", defaults.Rollbacks),
            EnumValue(map, path, "notReadyClusters", defaults.NotReadyClusters),
            Duration(map, path, "soak", defaults.Soak, TimeSpan.Zero),
            Duration(map, path, "stallAfter", defaults.StallAfter, TimeSpan.FromSeconds(1)));
    }

    private PollingSettings BindPolling(YamlNode node, string path)
    {
        var defaults = PollingSettings.Default;
        if (Mapping(node, path, PollingKeys) is not { } map)
        {
            return defaults;
        }

        var interval = Duration(map, path, "interval", defaults.Interval, TimeSpan.FromSeconds(1));
        var rolloutInterval = Duration(map, path, "rolloutInterval", defaults.RolloutInterval, TimeSpan.FromSeconds(1));
        var concurrency = defaults.OcmConcurrency;
        if (Get(map, "ocmConcurrency") is { } c)
        {
            if (c is YamlScalarNode { Value: { } text } && int.TryParse(text, out var n) && n is >= 1 and <= 64)
            {
                concurrency = n;
            }
            else
            {
                Error($"{path}.ocmConcurrency: expected a whole number from 1 to 64");
            }
        }

        return new PollingSettings(interval, rolloutInterval, concurrency);
    }

    private HistorySettings BindHistory(YamlNode node, string path)
    {
        var defaults = HistorySettings.Default;
        if (Mapping(node, path, HistoryKeys) is not { } map)
        {
            return defaults;
        }

        var keep = defaults.Keep;
        if (Get(map, "keep") is { } k)
        {
            if (k is YamlScalarNode { Value: { } text } && int.TryParse(text, out var n) && n is >= 1 and <= HistorySettings.MaxKeep)
            {
                keep = n;
            }
            else
            {
                Error($"{path}.keep: expected a whole number from 1 to {HistorySettings.MaxKeep}");
            }
        }

        return new HistorySettings(keep, Duration(map, path, "triggerStateRetention", defaults.TriggerStateRetention, TimeSpan.FromSeconds(1)));
    }

    private Secret? RequiredSecret(YamlMappingNode map, string path, string key)
    {
        if (Get(map, key) is not { } node)
        {
            Error($"{path}.{key}: required (as {{ env: VAR }} or {{ file: /path }})");
            return null;
        }

        return BindSecret(node, $"{path}.{key}");
    }

    private Secret? BindSecret(YamlNode node, string path)
    {
        if (node is YamlScalarNode)
        {
            Error($"{path}: secrets are never written inline; use {{ env: VAR }} or {{ file: /path }}");
            return null;
        }

        if (Mapping(node, path, SecretKeys) is not { } map)
        {
            return null;
        }

        var env = Get(map, "env");
        var file = Get(map, "file");
        if ((env is null) == (file is null))
        {
            Error($"{path}: set exactly one of 'env' and 'file'");
            return null;
        }

        if (env is not null)
        {
            var name = Scalar(env, $"{path}.env");
            if (name is null)
            {
                return null;
            }

            var value = getEnvironmentVariable(name);
            if (string.IsNullOrEmpty(value))
            {
                Error($"{path}.env: environment variable '{name}' is not set or empty");
                return null;
            }

            return new Secret(value, $"env {name}");
        }

        var filePath = Scalar(file!, $"{path}.file");
        if (filePath is null)
        {
            return null;
        }

        try
        {
            var value = File.ReadAllText(filePath).TrimEnd('\r', '\n');
            if (value.Length == 0)
            {
                Error($"{path}.file: secret file '{filePath}' is empty");
                return null;
            }

            return new Secret(value, $"file {filePath}");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Error($"{path}.file: cannot read secret file '{filePath}' ({ex.GetType().Name})");
            return null;
        }
    }

    private ImmutableArray<T> BindList<T>(YamlMappingNode map, string key, bool required, Func<YamlNode, string, T?> bind, string prefix = "")
        where T : class
    {
        var path = prefix + key;
        if (Get(map, key) is not { } node)
        {
            if (required)
            {
                Error($"{path}: required (a list with at least one entry)");
            }

            return [];
        }

        if (node is not YamlSequenceNode seq || seq.Children.Count == 0)
        {
            Error($"{path}: expected a list with at least one entry");
            return [];
        }

        var result = ImmutableArray.CreateBuilder<T>();
        for (var i = 0; i < seq.Children.Count; i++)
        {
            if (bind(seq.Children[i], $"{path}[{i}]") is { } item)
            {
                result.Add(item);
            }
        }

        return result.ToImmutable();
    }

    private T EnumValue<T>(YamlMappingNode map, string path, string key, T fallback)
        where T : struct, Enum
    {
        if (Get(map, key) is not { } node)
        {
            return fallback;
        }

        var text = Scalar(node, $"{path}.{key}");
        var names = Enum.GetNames<T>().Select(n => char.ToLowerInvariant(n[0]) + n[1..]).ToArray();
        if (text is not null && names.Contains(text, StringComparer.Ordinal))
        {
            return Enum.Parse<T>(text, ignoreCase: true);
        }

        Error($"{path}.{key}: '{text}' is not one of {string.Join(", ", names)}");
        return fallback;
    }

    private TimeSpan Duration(YamlMappingNode map, string path, string key, TimeSpan fallback, TimeSpan minimum)
    {
        if (Get(map, key) is not { } node)
        {
            return fallback;
        }

        var text = Scalar(node, $"{path}.{key}");
        if (!Durations.TryParse(text, out var value))
        {
            Error($"{path}.{key}: '{text}' is not a duration (use e.g. 30s, 5m, 24h, 1d or hh:mm:ss)");
            return fallback;
        }

        if (value < minimum)
        {
            Error($"{path}.{key}: '{text}' is shorter than the minimum of {Durations.Format(minimum)}");
            return fallback;
        }

        return value;
    }

    private Uri? Url(YamlMappingNode map, string path, string key)
    {
        var text = RequiredString(map, path, key);
        if (text is null)
        {
            return null;
        }

        if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && !string.IsNullOrEmpty(uri.Host)
            && string.IsNullOrEmpty(uri.UserInfo) && string.IsNullOrEmpty(uri.Query) && string.IsNullOrEmpty(uri.Fragment))
        {
            return uri;
        }

        Error($"{path}.{key}: '{RedactUserInfo(text)}' is not an absolute http(s) URL without credentials, query or fragment");
        return null;
    }

    // A URL with credentials ("https://user:password@host") is rejected; its password must not reach the message.
    // Everything between the scheme and the last '@' is hidden, since a password may itself contain '/', '?' or '#'.
    private static string RedactUserInfo(string text)
    {
        var scheme = text.IndexOf("://", StringComparison.Ordinal);
        var start = scheme < 0 ? 0 : scheme + 3;
        var at = text.LastIndexOf('@');
        return at < start ? text : string.Concat(text.AsSpan(0, start), "***", text.AsSpan(at));
    }

    private string? Name(YamlMappingNode map, string path, string key)
    {
        var name = RequiredString(map, path, key);
        if (name is not null && !NamePattern().IsMatch(name))
        {
            Error($"{path}.{key}: '{name}' is not a valid name (letters, digits, '.', '_' and '-')");
            return null;
        }

        return name;
    }

    private string? RequiredString(YamlMappingNode map, string path, string key)
    {
        if (Get(map, key) is not { } node)
        {
            Error($"{path}.{key}: required");
            return null;
        }

        var value = Scalar(node, $"{path}.{key}");
        if (value is not null && value.Trim().Length == 0)
        {
            Error($"{path}.{key}: must not be empty");
            return null;
        }

        return value;
    }

    private string? Scalar(YamlNode node, string path)
    {
        if (node is YamlScalarNode { Value: { } value })
        {
            return value;
        }

        Error($"{path}: expected a single value");
        return null;
    }

    private YamlMappingNode? Mapping(YamlNode node, string path, string[] allowedKeys)
    {
        if (node is not YamlMappingNode map)
        {
            Error($"{path}: expected a mapping (key: value)");
            return null;
        }

        foreach (var keyNode in map.Children.Keys)
        {
            var key = (keyNode as YamlScalarNode)?.Value ?? "?";
            if (!allowedKeys.Contains(key, StringComparer.Ordinal))
            {
                var where = path == "(root)" ? key : $"{path}.{key}";
                Error($"{where}: unknown key (expected one of: {string.Join(", ", allowedKeys)})");
            }
        }

        return map;
    }

    private void Unique(IEnumerable<string> values, string list, string key, string what)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var i = 0;
        foreach (var value in values)
        {
            if (!seen.TryAdd(value, i))
            {
                Error($"{list}[{i}].{key}: duplicate {what} '{value}' (first at {list}[{seen[value]}])");
            }

            i++;
        }
    }

    private static YamlNode? Get(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var node) ? node : null;

    private static string Known(IEnumerable<string> names) => $" (known: {string.Join(", ", names.Order(StringComparer.Ordinal))})";

    private void Error(string message) => _errors.Add(message);

    [GeneratedRegex("^[A-Za-z0-9_-]+$", RegexOptions.CultureInvariant)]
    internal static partial Regex OrgIdPattern();

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]*$", RegexOptions.CultureInvariant)]
    internal static partial Regex AddonIdPattern();

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_.-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex ParameterNamePattern();
}
