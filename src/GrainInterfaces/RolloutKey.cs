namespace AddonGrains.GrainInterfaces;

/// <summary>Builds and parses the key of an <see cref="IRolloutGrain"/>: <c>{organization name}/{add-on id}</c>.</summary>
public static class RolloutKey
{
    /// <summary>The key for the organization (its configured name) and add-on.</summary>
    public static string For(string organization, string addon)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(organization);
        ArgumentException.ThrowIfNullOrWhiteSpace(addon);
        return $"{organization}/{addon}";
    }

    /// <summary>Splits a key made by <see cref="For"/>.</summary>
    public static (string Organization, string Addon) Parse(string key)
    {
        var slash = key.LastIndexOf('/');
        if (slash <= 0 || slash == key.Length - 1)
        {
            throw new ArgumentException($"'{key}' is not a rollout key of the form organization/addon.", nameof(key));
        }

        return (key[..slash], key[(slash + 1)..]);
    }
}
