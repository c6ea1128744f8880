using YamlDotNet.RepresentationModel;

namespace AddonGrains.Configuration;

/// <summary>Binds the tuning sections: <c>policy</c> (also per organization) and <c>polling</c> and <c>reload</c>.</summary>
internal sealed class PolicyBinder(NodeValidator v)
{
    public RolloutPolicy Policy(YamlNode node, string path, RolloutPolicy defaults)
    {
        if (v.Mapping(node, path) is not { } map)
        {
            return defaults;
        }

        return new RolloutPolicy(
            v.EnumValue(map, path, "firstSeen", defaults.FirstSeen),
            v.EnumValue(map, path, "rollbacks", defaults.Rollbacks),
            v.EnumValue(map, path, "notReadyClusters", defaults.NotReadyClusters),
            v.Duration(map, path, "soak", defaults.Soak, TimeSpan.Zero),
            v.Duration(map, path, "stallAfter", defaults.StallAfter, TimeSpan.FromSeconds(1)));
    }

    public PollingSettings Polling(YamlNode node, string path)
    {
        var defaults = PollingSettings.Default;
        if (v.Mapping(node, path) is not { } map)
        {
            return defaults;
        }

        return new PollingSettings(
            v.Duration(map, path, "interval", defaults.Interval, TimeSpan.FromSeconds(1)),
            v.Duration(map, path, "rolloutInterval", defaults.RolloutInterval, TimeSpan.FromSeconds(1)),
            v.WholeNumber(map, path, "ocmConcurrency", defaults.OcmConcurrency, 1, 64));
    }

    public ReloadSettings Reload(YamlNode node, string path)
    {
        var defaults = ReloadSettings.Default;
        return v.Mapping(node, path) is not { } map
            ? defaults
            : new ReloadSettings(v.Duration(map, path, "interval", defaults.Interval, TimeSpan.FromSeconds(1)));
    }

    public HistorySettings History(YamlNode node, string path)
    {
        var defaults = HistorySettings.Default;
        return v.Mapping(node, path) is not { } map
            ? defaults
            : new HistorySettings(
                v.WholeNumber(map, path, "keep", defaults.Keep, 1, HistorySettings.MaxKeep),
                v.Duration(map, path, "triggerStateRetention", defaults.TriggerStateRetention, TimeSpan.FromSeconds(1)));
    }
}
